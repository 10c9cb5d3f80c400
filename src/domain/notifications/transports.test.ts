import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { teamClients } from '../../../test/helpers/client.ts';
import { createDomicilie, createTeam, STAFF_PASSWORD } from '../../../test/helpers/factories.ts';
import { parseMail, startSmtpSink } from '../../../test/helpers/smtp-sink.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { giveConsent, notificationRows } from './notifications.fixtures.ts';
import { internationalNumber, octopushTransport } from './sms-octopush.ts';
import { SendFailure } from './transports.ts';
import { until } from '../../../test/helpers/until.ts';

type SmsRequest = { path: string | undefined; headers: IncomingMessage['headers']; body: Record<string, unknown> };

/** A local server speaking Octopush's « Send SMS »: it answers with `answer` and keeps each request. */
async function startOctopush(answer: (request: SmsRequest) => { status: number; body: unknown }) {
  const requests: SmsRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { path: req.url, headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> };
      requests.push(request);
      const reply = answer(request);
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, requests, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/public/sms-campaign/send` };
}

describe('the application sends through SMTP and Octopush', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let sms: Awaited<ReturnType<typeof startOctopush>>;
  before(async () => {
    smtp = await startSmtpSink();
    sms = await startOctopush(() => ({ status: 201, body: { sms_ticket: 'sms_1', number_of_contacts: 1, total_cost: 0.05 } }));
    t = await createTestApp({
      SMTP_URL: smtp.url,
      SMTP_FROM: 'ne-pas-repondre@domiciliation.test',
      SMS_PROVIDER: 'octopush',
      SMS_API_KEY: 'cle-de-test',
      SMS_API_LOGIN: 'compte@structure.test',
      SMS_SENDER: 'CCAS',
      SMS_API_URL: sms.url,
      NOTIFICATION_DELAY_MINUTES: '0',
    });
  });
  after(async () => {
    await t.close();
    await smtp.close();
    await new Promise<void>((resolve) => sms.server.close(() => resolve()));
  });

  test('mail recorded at the desk: the person gets one e-mail and one SMS, saying only that mail waits', async () => {
    const team = await createTeam(t.db, { name: 'CCAS de Lyon' });
    const person = await createDomicilie(t.db, team.structureId, { email: 'marie.dupont@example.org', phone: '06 12 34 56 78' });
    await giveConsent(t.db, person.id);
    const facteur = await teamClients(t.app, team, STAFF_PASSWORD)('facteur');
    const response = await facteur.post(`/domicilies/${person.id}/courriers/reception`, { courrier: '2', comment: 'Lettre de la CAF' });
    assert.equal(response.statusCode, 303);

    const mail = await until(15, () => smtp.received.find((message) => message.to.includes('marie.dupont@example.org')));
    const { headers, text } = parseMail(mail.raw);
    const rows = await notificationRows(t.db, person.id);
    const emailRow = rows.find((row) => row.channel === 'email')!;
    assert.equal(mail.from, 'ne-pas-repondre@domiciliation.test');
    assert.equal(headers.get('subject'), 'Du courrier vous attend');
    assert.equal(headers.get('message-id'), `<${emailRow.id}@domiciliation.test>`);
    assert.equal(text, 'Vous avez du courrier à retirer à CCAS de Lyon.');
    assert.doesNotMatch(mail.raw, /CAF/, 'nothing of the mail itself');

    const request = await until(15, () => sms.requests.find((entry) => (entry.body.recipients as { phone_number: string }[])[0]?.phone_number === '+33612345678'));
    const smsRow = rows.find((row) => row.channel === 'sms')!;
    assert.equal(request.path, '/v1/public/sms-campaign/send');
    assert.equal(request.headers['api-key'], 'cle-de-test');
    assert.equal(request.headers['api-login'], 'compte@structure.test');
    assert.deepEqual(request.body, {
      text: 'Vous avez du courrier à retirer à CCAS de Lyon.',
      recipients: [{ phone_number: '+33612345678' }],
      type: 'sms_premium',
      purpose: 'alert',
      sender: 'CCAS',
      request_id: smsRow.id,
    });
    const sent = await until(15, async () => {
      const states = (await notificationRows(t.db, person.id)).map((row) => row.state);
      return states.every((state) => state === 'envoyee') ? states : undefined;
    });
    assert.deepEqual(sent, ['envoyee', 'envoyee']);
  });
});

describe("Octopush's answers", () => {
  test('a request id seen before (code 120) means the SMS went already: not an error', async () => {
    const server = await startOctopush(() => ({ status: 400, body: { code: 120, message: 'A SMS with the same request_id has already been sent.' } }));
    try {
      await octopushTransport({ apiKey: 'k', apiLogin: 'l', url: server.url }).send({ id: 'n1', to: '+33612345678', subject: '', text: 'x' });
      assert.equal(server.requests.length, 1);
    } finally {
      server.server.close();
    }
  });

  test("the provider's trouble is tried again later; an unusable number is refused for good", async () => {
    const server = await startOctopush(() => ({ status: 503, body: {} }));
    try {
      const transport = octopushTransport({ apiKey: 'k', apiLogin: 'l', url: server.url });
      await assert.rejects(transport.send({ id: 'n2', to: '0612345678', subject: '', text: 'x' }), (error: SendFailure) => !error.permanent && error.detail === 'http 503');
      await assert.rejects(transport.send({ id: 'n3', to: 'pas de numéro', subject: '', text: 'x' }), (error: SendFailure) => error.permanent && error.detail === 'numero_invalide');
      assert.equal(server.requests.length, 1, 'no request for a number that cannot be one');
    } finally {
      server.server.close();
    }
  });

  test('numbers as people type them', () => {
    assert.equal(internationalNumber('06 12 34 56 78'), '+33612345678');
    assert.equal(internationalNumber('06.12.34.56.78'), '+33612345678');
    assert.equal(internationalNumber('+262 692 12 34 56'), '+262692123456');
    assert.equal(internationalNumber('0033 6 12 34 56 78'), '+33612345678');
    assert.equal(internationalNumber('12 34'), null);
  });
});
