import type { NotificationChannel } from '../../db/schema.ts';

/** The longest a transport waits for its server; the worker's lease is longer. */
export const SEND_TIMEOUT_MS = 30_000;

/** One message ready to go; `id` is the notification's, the idempotency key given to the provider. */
export type OutgoingMessage = { id: string; to: string; subject: string; text: string };

export type Transport = {
  send(message: OutgoingMessage): Promise<void>;
  close(): Promise<void>;
};

export type Transports = Partial<Record<NotificationChannel, Transport>>;

/**
 * A send that did not go. `permanent`: the provider refused this address or message, and trying
 * again would not help. `detail` is a status or a provider's code, never the address nor the text.
 */
export class SendFailure extends Error {
  constructor(
    readonly permanent: boolean,
    readonly detail: string,
  ) {
    super(`${permanent ? 'refused' : 'failed'}: ${detail}`);
  }
}

/** A short technical detail of an error, without what it may quote (an address in a server's reply). */
export function technicalDetail(error: unknown): string {
  if (error instanceof SendFailure) return error.detail;
  const coded = error as { code?: unknown; responseCode?: unknown; name?: unknown };
  const parts = [coded.responseCode, coded.code, coded.name].filter((part) => typeof part === 'string' || typeof part === 'number');
  return parts.length > 0 ? parts.join(' ').slice(0, 80) : 'erreur';
}
