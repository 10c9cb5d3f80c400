import nodemailer from 'nodemailer';
import { SEND_TIMEOUT_MS, SendFailure, technicalDetail, type Transport } from './transports.ts';

/**
 * E-mail over SMTP (nodemailer, a pool of a few connections). The notification's id is the
 * Message-ID: a message sent twice after a crash carries the same one, which mail systems may
 * use to drop the second copy.
 */
export function emailTransport(options: { url: string; from: string }): Transport {
  const domain = options.from.split('@')[1] ?? 'localhost';
  const mailer = nodemailer.createTransport({
    url: options.url,
    pool: true,
    maxConnections: 4,
    connectionTimeout: SEND_TIMEOUT_MS,
    greetingTimeout: SEND_TIMEOUT_MS,
    socketTimeout: SEND_TIMEOUT_MS,
  });
  return {
    async send(message) {
      try {
        await mailer.sendMail({
          from: options.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          messageId: `<${message.id}@${domain}>`,
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
      } catch (error) {
        // 5xx: this address or message is refused for good; anything else may pass later.
        const code = (error as { responseCode?: number }).responseCode;
        throw new SendFailure(typeof code === 'number' && code >= 500 && code < 600, technicalDetail(error));
      }
    },
    async close() {
      mailer.close();
    },
  };
}
