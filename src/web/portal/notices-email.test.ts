import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { TestClient } from '../../../test/helpers/client.ts';
import { page as html } from '../../../test/helpers/html.ts';
import { createPortalUser, portalLogin } from '../../../test/helpers/portal-factories.ts';
import { parseMail, startSmtpSink } from '../../../test/helpers/smtp-sink.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { until } from '../../../test/helpers/until.ts';

// The whole way of a new address, with the application's own worker and a local SMTP server:
// what reaches the mailbox is the link, and the link is what confirms.

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
before(async () => {
  smtp = await startSmtpSink();
  t = await createTestApp({ SMTP_URL: smtp.url, SMTP_FROM: 'ne-pas-repondre@domiciliation.test' });
});
after(async () => {
  await t.close();
  await smtp.close();
});

test('the confirmation e-mail reaches the new address only; its link confirms it; the outbox forgets the link once sent', async () => {
  const user = await createPortalUser(t.db, { temporary: false, structure: { name: 'CCAS de Vénissieux' }, domicilie: { email: 'ancienne@exemple.fr' } });
  const client = new TestClient(t.app);
  await portalLogin(client, user.login, user.password);
  assert.equal((await client.post('/portail/avis/email', { email: 'nouvelle@exemple.fr' })).statusCode, 303);

  const mail = await until(15, () => smtp.received.find((message) => message.to.includes('nouvelle@exemple.fr')));
  assert.deepEqual(mail.to, ['nouvelle@exemple.fr'], 'never the old address');
  const { text } = parseMail(mail.raw);
  const link = /https?:\/\/\S+\/portail\/confirmer-email\?jeton=[\w-]+/.exec(text)?.[0];
  assert.ok(link, `a link in « ${text} »`);
  assert.ok(link.startsWith(t.config.portalUrl));

  const row = await until(15, async () => {
    const found = await t.db.selectFrom('notifications').select(['state', 'payload']).where('domicilie_id', '=', user.domicilieId).where('kind', '=', 'confirmation_email').executeTakeFirst();
    return found?.state === 'envoyee' ? found : undefined;
  });
  assert.equal(row.payload, null, 'the clear token left the outbox with the message');

  const reader = new TestClient(t.app);
  const url = new URL(link);
  const confirm = html((await reader.get(url.pathname + url.search)).body).form('Oui, confirmer cette adresse');
  assert.equal((await reader.post(confirm.action, confirm.hidden)).statusCode, 200);
  const record = await t.db.selectFrom('domicilies').select(['email', 'notify_email_consent_at']).where('id', '=', user.domicilieId).executeTakeFirstOrThrow();
  assert.equal(record.email, 'nouvelle@exemple.fr');
  assert.ok(record.notify_email_consent_at);
});
