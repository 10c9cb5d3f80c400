import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openEmbedded } from './db/database.ts';

const root = new URL('..', import.meta.url).pathname;

function admin(dataDir: string, args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/admin.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'production', SECRET_KEY: Buffer.alloc(32, 3).toString('base64'), PUBLIC_URL: 'https://domiciliation.example.fr' },
  });
}

test('create-structure creates a structure, its first administrateur and prints a one-time activation link', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'domiciliation-admin-'));
  const created = admin(dataDir, [
    'create-structure', '--name', 'CCAS de Villeurbanne', '--type', 'ccas', '--street', '1 place Lazare Goujon', '--postcode', '69100',
    '--city', 'Villeurbanne', '--admin-email', 'chef@villeurbanne.test', '--admin-nom', 'Martin', '--admin-prenom', 'Chloé',
  ]);
  assert.equal(created.status, 0, created.stderr);
  assert.match(created.stdout, /https:\/\/domiciliation\.example\.fr\/activation\/[\w-]{40,}/);

  const refused = admin(dataDir, ['create-structure', '--name', 'X', '--type', 'mairie']);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /Options manquantes/);

  const database = await openEmbedded(dataDir);
  try {
    const rows = await database.db
      .selectFrom('staff_users')
      .innerJoin('structures', 'structures.id', 'staff_users.structure_id')
      .select(['structures.name', 'staff_users.role', 'staff_users.password_hash', 'staff_users.activation_token_hash'])
      .execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.name, 'CCAS de Villeurbanne');
    assert.equal(rows[0]!.role, 'administrateur');
    assert.equal(rows[0]!.password_hash, null);
    assert.ok(rows[0]!.activation_token_hash);
    const demo = await database.db.selectFrom('structures').select('id').where('name', '=', 'CCAS de Démo').execute();
    assert.equal(demo.length, 0, 'no demo data in production');
  } finally {
    await database.close();
  }
});
