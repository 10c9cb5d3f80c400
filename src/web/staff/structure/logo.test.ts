import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../../../../test/helpers/client.ts';
import { createTeam, STAFF_PASSWORD } from '../../../../test/helpers/factories.ts';
import { page as html } from '../../../../test/helpers/html.ts';
import { gifImage, jpegImage, pngImage } from '../../../../test/helpers/images.ts';
import { multipartBody, postFile } from '../../../../test/helpers/multipart.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const SECTION = 'Logo des courriers';
const png = (content: Buffer, fileName = 'logo.png') => ({ name: 'logo', fileName, contentType: 'image/png', content });

async function loggedIn(email: string) {
  const client = new TestClient(t.app);
  await client.login(email, STAFF_PASSWORD);
  return client;
}

const storedLogo = (structureId: string) =>
  t.db.selectFrom('structure_logos').select(['content', 'content_type', 'size', 'width', 'height']).where('structure_id', '=', structureId).executeTakeFirst();
const auditOf = (structureId: string, action: string) =>
  t.db.selectFrom('audit_log').select(['actor_id', 'details']).where('structure_id', '=', structureId).where('action', '=', action).orderBy('created_at').execute();

describe('« Ma structure »: the logo of the letters', () => {
  test('an administrateur sends a PNG, sees its preview served with its type, replaces it by a JPEG, then removes it after confirming', async () => {
    const team = await createTeam(t.db);
    const admin = await loggedIn(team.administrateur.email);
    const empty = html((await admin.get('/structure')).body).region(SECTION);
    assert.match(empty.text, /Aucun logo/);
    assert.deepEqual(empty.field('Logo').type, 'file');
    assert.match(empty.field('Logo').description, /PNG ou JPEG de 1 Mo au plus/);

    const image = pngImage(300, 120);
    const sent = await postFile(admin, '/structure/logo', png(image, 'Logo CCAS.png'));
    assert.equal(sent.statusCode, 303);
    assert.equal(sent.headers.location, '/structure#logo-titre');
    assert.deepEqual(await storedLogo(team.structureId), { content: image, content_type: 'image/png', size: image.length, width: 300, height: 120 });
    const shown = html((await admin.get('/structure')).body).region(SECTION);
    assert.match(shown.text, /Le logo est enregistré/);
    assert.match(shown.text, /Image PNG de 300 × 120 pixels/);
    const src = shown.root.querySelector('img')!.getAttribute('src')!;
    assert.match(src, /^\/structure\/logo\?v=\d+$/);

    // Every role of the structure sees the preview; the bytes come back as they were sent, never sniffed.
    const facteur = await loggedIn(team.facteur.email);
    const preview = await facteur.get(src);
    assert.equal(preview.statusCode, 200);
    assert.equal(preview.headers['content-type'], 'image/png');
    assert.equal(preview.headers['x-content-type-options'], 'nosniff');
    assert.deepEqual(preview.rawPayload, image);
    assert.match(String(preview.headers['content-security-policy']), /default-src 'self'/);

    assert.equal((await postFile(admin, '/structure/logo', { name: 'logo', fileName: 'logo.jpg', contentType: 'image/jpeg', content: jpegImage() })).statusCode, 303);
    assert.equal((await storedLogo(team.structureId))?.content_type, 'image/jpeg');
    assert.equal((await admin.get('/structure/logo')).headers['content-type'], 'image/jpeg');

    const withLogo = html((await admin.get('/structure')).body).region(SECTION);
    assert.deepEqual(withLogo.disclosures(), [{ summary: 'Supprimer le logo…', open: false }]);
    assert.equal((await admin.post('/structure/logo/supprimer', {})).statusCode, 400, 'not without its confirmation');
    assert.ok(await storedLogo(team.structureId));
    assert.equal((await admin.post('/structure/logo/supprimer', { confirmation: 'oui' })).statusCode, 303);
    assert.equal(await storedLogo(team.structureId), undefined);
    assert.equal((await admin.get('/structure/logo')).statusCode, 404);

    const trail = await auditOf(team.structureId, 'structure.logo_changed');
    assert.deepEqual(trail, [
      { actor_id: team.administrateur.id, details: { content_type: 'image/png', size: image.length, width: 300, height: 120 } },
      { actor_id: team.administrateur.id, details: { content_type: 'image/jpeg', size: jpegImage().length, width: 120, height: 48 } },
    ]);
    assert.equal((await auditOf(team.structureId, 'structure.logo_removed')).length, 1);
  });

  test('a renamed text file, a GIF and a 2 MB image are refused with their reason next to the field; nothing is stored', async () => {
    const team = await createTeam(t.db);
    const admin = await loggedIn(team.administrateur.email);
    const refusals: [Parameters<typeof postFile>[2], RegExp][] = [
      [png(Buffer.from('Bonjour, ceci est un fichier texte.\n'), 'logo.png'), /n'est pas une image PNG ou JPEG/],
      [{ name: 'logo', fileName: 'logo.gif', contentType: 'image/gif', content: gifImage() }, /image GIF : le logo doit être une image PNG ou JPEG/],
      [png(Buffer.concat([pngImage(10, 10), Buffer.alloc(2 * 1024 * 1024)]), 'grand.png'), /trop lourd : le logo doit peser 1 Mo au plus/],
      [null, /Choisissez le fichier du logo/],
    ];
    for (const [file, words] of refusals) {
      const response = await postFile(admin, '/structure/logo', file);
      assert.equal(response.statusCode, 400, String(words));
      const field = html(response.body).region(SECTION).field(/^(Nouveau logo|Logo)$/);
      assert.equal(field.invalid, true);
      assert.match(field.error ?? '', words);
    }
    assert.equal(await storedLogo(team.structureId), undefined);
    assert.equal((await auditOf(team.structureId, 'structure.logo_changed')).length, 0);
  });

  test('only an administrateur changes it: 403 for the other roles; without the form token or from another site, nothing is read', async () => {
    const team = await createTeam(t.db);
    for (const role of ['gestionnaire', 'instructeur', 'facteur'] as const) {
      const client = await loggedIn(team[role].email);
      assert.equal((await postFile(client, '/structure/logo', png(pngImage(20, 20)))).statusCode, 403, role);
      assert.equal((await client.post('/structure/logo/supprimer', { confirmation: 'oui' })).statusCode, 403, role);
      assert.match(html((await client.get('/structure')).body).region(SECTION).text, /Seul un administrateur/);
    }
    const admin = await loggedIn(team.administrateur.email);
    assert.equal((await postFile(admin, '/structure/logo', png(pngImage(20, 20)), { csrf: false })).statusCode, 403);
    const { body, contentType } = multipartBody({ _csrf: admin.csrfToken }, png(pngImage(20, 20)));
    const cookie = [...admin.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const foreign = await t.app.inject({ method: 'POST', url: '/structure/logo', headers: { cookie, 'content-type': contentType, origin: 'https://ailleurs.example' }, payload: body });
    assert.equal(foreign.statusCode, 403);
    assert.equal(await storedLogo(team.structureId), undefined);
    // Other forms still refuse a multipart body: only the logo's route reads one.
    const elsewhere = await t.app.inject({ method: 'POST', url: '/structure', headers: { cookie, 'content-type': contentType }, payload: body });
    assert.equal(elsewhere.statusCode, 415);
  });

  test('a request announcing more than the route reads is refused before it is read, with the logo’s words', async () => {
    const team = await createTeam(t.db);
    const admin = await loggedIn(team.administrateur.email);
    const { body, contentType } = multipartBody({ _csrf: admin.csrfToken }, png(Buffer.alloc(9 * 1024 * 1024)));
    const cookie = [...admin.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await t.app.inject({ method: 'POST', url: '/structure/logo', headers: { cookie, 'content-type': contentType }, payload: body });
    assert.equal(response.statusCode, 413);
    assert.match(html(response.body).text, /le logo doit peser 1 Mo au plus/);
  });

  test('each structure sees its own logo only', async () => {
    const first = await createTeam(t.db);
    const second = await createTeam(t.db);
    await postFile(await loggedIn(first.administrateur.email), '/structure/logo', png(pngImage(30, 30)));
    assert.equal((await (await loggedIn(second.administrateur.email)).get('/structure/logo')).statusCode, 404);
  });
});
