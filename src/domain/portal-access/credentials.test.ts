import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  entropyBits,
  generateLogin,
  generateTemporaryPassword,
  LOGIN_ALPHABET,
  LOGIN_LENGTH,
  normalizeLogin,
  normalizeTemporaryPassword,
  PASSWORD_ALPHABET,
  PASSWORD_LENGTH,
} from './credentials.ts';
import { documentFileName, openDocument, sealDocument } from './document-store.ts';

const lookAlikeGroups = [['0', 'O', 'Q'], ['1', 'I', 'L'], ['2', 'Z'], ['5', 'S'], ['8', 'B']];

describe('portal identifiers', () => {
  test('are 8 capital letters without look-alikes', () => {
    assert.equal(LOGIN_LENGTH, 8);
    assert.match(LOGIN_ALPHABET, /^[A-Z]+$/);
    for (const character of ['I', 'O', 'L', 'Q']) assert.ok(!LOGIN_ALPHABET.includes(character), `${character} is a look-alike`);
    assert.equal(new Set(LOGIN_ALPHABET).size, LOGIN_ALPHABET.length, 'no symbol counted twice');
    for (let i = 0; i < 500; i++) {
      const login = generateLogin();
      assert.equal(login.length, 8);
      assert.ok([...login].every((character) => LOGIN_ALPHABET.includes(character)), login);
    }
  });

  test('are drawn at random: 2 000 draws give 2 000 different identifiers and use every letter', () => {
    const logins = Array.from({ length: 2000 }, () => generateLogin());
    assert.equal(new Set(logins).size, logins.length);
    assert.deepEqual(new Set(logins.join('')), new Set(LOGIN_ALPHABET));
  });

  test('the generator draws each character from the random source it is given', () => {
    assert.equal(generateLogin(() => 0), LOGIN_ALPHABET[0]!.repeat(8));
    assert.equal(generateLogin(() => LOGIN_ALPHABET.length - 1), LOGIN_ALPHABET.at(-1)!.repeat(8));
  });

  test('are typed with the same tolerance as passwords', () => {
    assert.equal(normalizeLogin(' acde-fghj '), 'ACDEFGHJ');
  });
});

describe('temporary passwords', () => {
  test('have at least 40 bits of entropy, from the alphabet size and the length', () => {
    assert.equal(new Set(PASSWORD_ALPHABET).size, PASSWORD_ALPHABET.length, 'no symbol counted twice');
    const bits = entropyBits(PASSWORD_ALPHABET.length, PASSWORD_LENGTH);
    assert.ok(bits >= 40, `only ${bits.toFixed(1)} bits`);
    assert.equal(entropyBits(2, 40), 40);
  });

  test('use one case and no look-alike characters (no 0/O, 1/I/L...)', () => {
    for (const character of ['0', 'O', '1', 'I', 'L']) assert.ok(!PASSWORD_ALPHABET.includes(character), `${character} is a look-alike`);
    for (const group of lookAlikeGroups) {
      assert.ok(group.filter((character) => PASSWORD_ALPHABET.includes(character)).length <= 1, `only one of ${group.join('/')}`);
    }
    assert.match(PASSWORD_ALPHABET, /^[A-Z2-9]+$/);
  });

  test('are printed in 4 groups of 3 separated by dashes; the normalized form drops the dashes', () => {
    for (let i = 0; i < 500; i++) {
      const password = generateTemporaryPassword();
      assert.match(password.printed, /^[A-Z2-9]{3}(-[A-Z2-9]{3}){3}$/);
      assert.equal(password.normalized, password.printed.replaceAll('-', ''));
      assert.equal(password.normalized.length, PASSWORD_LENGTH);
      assert.ok([...password.normalized].every((character) => PASSWORD_ALPHABET.includes(character)));
    }
  });

  test('are drawn at random and use the whole alphabet', () => {
    const passwords = Array.from({ length: 2000 }, () => generateTemporaryPassword().normalized);
    assert.equal(new Set(passwords).size, passwords.length);
    assert.deepEqual(new Set(passwords.join('')), new Set(PASSWORD_ALPHABET));
    assert.equal(generateTemporaryPassword(() => 0).printed, 'AAA-AAA-AAA-AAA');
  });

  test('separators, spaces and case are ignored when typed', () => {
    const { printed, normalized } = generateTemporaryPassword();
    for (const typed of [printed, printed.toLowerCase(), printed.replaceAll('-', ' '), printed.replaceAll('-', '.'), ` ${normalized.toLowerCase()} `, printed.replaceAll('-', '–')]) {
      assert.equal(normalizeTemporaryPassword(typed), normalized, typed);
    }
  });
});

describe('the access document file', () => {
  test('is named acces-portail-<nom>-<prenom>-<date>-<heure>.docx in lower-case ASCII, on the structure\'s clock', () => {
    // 13:40 UTC on 2 December is 14:40 in Paris and 09:40 in Martinique.
    const at = new Date('2026-12-02T13:40:05Z');
    const named = (nom: string, prenom: string) => documentFileName({ nom, prenom }, at, 'Europe/Paris');
    assert.equal(named('Lefèvre-Dupont', 'Zoé Marie'), 'acces-portail-lefevre-dupont-zoe-marie-2026-12-02-14h40m05.docx');
    assert.equal(named("N'Diaye", 'Aïssatou'), 'acces-portail-n-diaye-aissatou-2026-12-02-14h40m05.docx');
    assert.equal(named('Œuvray', 'Çağla'), 'acces-portail-oeuvray-cagla-2026-12-02-14h40m05.docx');
    assert.equal(named('Иванов', '李'), 'acces-portail-domicilie-2026-12-02-14h40m05.docx');
    assert.equal(documentFileName({ nom: 'Lefèvre', prenom: 'Zoé' }, at, 'America/Martinique'), 'acces-portail-lefevre-zoe-2026-12-02-09h40m05.docx');
    for (const name of ['Ødegård', 'Ñúñez "le grand"', 'Dupont/../etc']) {
      assert.match(named(name, 'X'), /^acces-portail-[a-z0-9-]+\.docx$/);
    }
  });

  test('is sealed with AES-256-GCM: it opens only with the same key and account, and nobody can alter it', () => {
    const key = Buffer.alloc(32, 3);
    const content = Buffer.from('le document avec ACD-EF3-GHJ-K9M');
    const sealed = sealDocument(key, 'account-1', content);
    assert.ok(!sealed.ciphertext.includes(Buffer.from('ACD-EF3')));
    assert.deepEqual(openDocument(key, 'account-1', sealed), content);
    assert.notDeepEqual(sealDocument(key, 'account-1', content).iv, sealed.iv);
    assert.throws(() => openDocument(key, 'account-2', sealed));
    assert.throws(() => openDocument(Buffer.alloc(32, 4), 'account-1', sealed));
    const altered = Buffer.from(sealed.ciphertext);
    altered[0]! ^= 1;
    assert.throws(() => openDocument(key, 'account-1', { ...sealed, ciphertext: altered }));
  });
});
