import { SEND_TIMEOUT_MS, SendFailure, type Transport } from './transports.ts';

/**
 * Octopush (a French SMS provider), « Send SMS » of its API v1, from its public documentation:
 * https://octopush.com/en/sms-gateway-api-documentation/send-sms/ (request) and
 * https://octopush.com/en/sms-gateway-api-documentation/return-codes/ (codes). Decision 0035.
 */
export const OCTOPUSH_URL = 'https://api.octopush.com/v1/public/sms-campaign/send';

/** « A SMS with the same request_id has already been sent. »: the message went before a crash. */
const ALREADY_SENT = 120;
/** Codes about the number or the text: sending the same again would be refused again. */
const REFUSED_FOR_GOOD = new Set([103, 110, 117, 119]);

/**
 * A French number as the provider wants it (+33…); a number already international is kept.
 * Null when it cannot be one (too short, letters).
 */
export function internationalNumber(phone: string): string | null {
  const digits = phone.replace(/[\s.()-]/g, '');
  if (/^\+\d{8,15}$/.test(digits)) return digits;
  if (/^00\d{8,15}$/.test(digits)) return `+${digits.slice(2)}`;
  if (/^0\d{9}$/.test(digits)) return `+33${digits.slice(1)}`;
  return null;
}

export function octopushTransport(options: { apiKey: string; apiLogin: string; sender?: string; url?: string }): Transport {
  return {
    async send(message) {
      const phone = internationalNumber(message.to);
      if (!phone) throw new SendFailure(true, 'numero_invalide');
      let response: Response;
      try {
        response = await fetch(options.url ?? OCTOPUSH_URL, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'api-key': options.apiKey, 'api-login': options.apiLogin, 'cache-control': 'no-cache' },
          body: JSON.stringify({
            text: message.text,
            recipients: [{ phone_number: phone }],
            type: 'sms_premium',
            // Transactional: sent at any hour, no « STOP » mention (not marketing).
            purpose: 'alert',
            ...(options.sender ? { sender: options.sender } : {}),
            // The provider refuses a second request with the same id for 24 hours.
            request_id: message.id,
          }),
          signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
        });
      } catch (error) {
        throw new SendFailure(false, (error as Error).name === 'TimeoutError' ? 'delai_depasse' : 'reseau');
      }
      if (response.ok) return;
      const body = (await response.json().catch(() => ({}))) as { code?: number | string };
      const code = Number(body.code);
      if (code === ALREADY_SENT) return;
      // Credentials, credit, rate or the provider's own trouble may be fixed by the next try.
      const permanent = REFUSED_FOR_GOOD.has(code) || (response.status === 400 && !Number.isFinite(code));
      throw new SendFailure(permanent, `http ${response.status}${Number.isFinite(code) ? ` code ${code}` : ''}`);
    },
    async close() {},
  };
}
