import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hash, Algorithm } from '@node-rs/argon2';
import { hashGeneratedSecret, hashPassword, verifyPassword } from './passwords.ts';

describe('password hashes', () => {
  test('a chosen password is hashed with argon2id at one of the OWASP settings, and only its own text verifies', async () => {
    const stored = await hashPassword('Un mot de passe choisi');
    assert.match(stored, /^\$argon2id\$v=19\$m=7168,t=5,p=1\$/);
    assert.equal(await verifyPassword(stored, 'Un mot de passe choisi'), true);
    assert.equal(await verifyPassword(stored, 'un mot de passe choisi'), false);
  });

  test('a secret drawn by the application is hashed with argon2id at a light setting', async () => {
    const stored = await hashGeneratedSecret('ABCDEFGHJKLM');
    assert.match(stored, /^\$argon2id\$v=19\$m=4096,t=1,p=1\$/);
    assert.equal(await verifyPassword(stored, 'ABCDEFGHJKLM'), true);
    assert.equal(await verifyPassword(stored, 'ABCDEFGHJKLN'), false);
  });

  test('hashes made with the former setting (19 MiB, 2 iterations) still verify', async () => {
    const former = await hash('Mot de passe de 2026', { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 });
    assert.equal(await verifyPassword(former, 'Mot de passe de 2026'), true);
    assert.equal(await verifyPassword(former, 'Mot de passe de 2025'), false);
  });

  test('a damaged hash refuses instead of throwing', async () => {
    assert.equal(await verifyPassword('not a hash', 'anything'), false);
  });
});
