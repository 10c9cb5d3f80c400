import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../shared/errors.ts';
import { addressAttemptSucceeded, startAddressAttempt, type AddressAttempt } from '../../domain/login-attempts/login-attempts.service.ts';

const attempts = new WeakMap<FastifyRequest, AddressAttempt>();

/**
 * Route hooks for the forms that check a secret (logins, activation, password change): every
 * process counts an address's attempts in the same table, and an answer below 400 (the secret
 * was right) gives its attempt back, so only failures use up the address's ceiling.
 */
export function addressLimit(db: Kysely<DB>, ceilingPerMinute: number) {
  return {
    preHandler: async (request: FastifyRequest) => {
      const attempt = await startAddressAttempt(db, request.ip, ceilingPerMinute);
      if (!attempt.allowed) throw new AppError('RATE_LIMITED');
      attempts.set(request, attempt);
    },
    onSend: async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      const attempt = attempts.get(request);
      if (attempt && reply.statusCode < 400) await addressAttemptSucceeded(db, attempt);
      return payload;
    },
  };
}
