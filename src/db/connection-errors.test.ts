import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDatabaseUnavailable } from './connection-errors.ts';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

test('a server stopping, starting or refusing connections is « unavailable »', () => {
  for (const code of ['57P01', '57P02', '57P03', '57P05', '53300', '08006', '08001', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE']) {
    assert.equal(isDatabaseUnavailable(withCode(code)), true, code);
  }
  for (const message of ['Connection terminated unexpectedly', 'Connection terminated', 'Client has encountered a connection error and is not queryable', 'timeout exceeded when trying to connect', 'PGlite is closed']) {
    assert.equal(isDatabaseUnavailable(new Error(message)), true, message);
  }
});

test('a refusal wrapped by Node (every address refused) or by a driver is still « unavailable »', () => {
  assert.equal(isDatabaseUnavailable(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], 'connect failed')), true);
  assert.equal(isDatabaseUnavailable(new Error('outer', { cause: withCode('57P01') })), true);
});

test('a wrong statement or a broken rule is not: it stays a 500 or its own error', () => {
  for (const code of ['23505', '22021', '42P01', '40001', '22012']) assert.equal(isDatabaseUnavailable(withCode(code)), false, code);
  for (const value of [new Error('Prepared statements must be unique'), null, undefined, 'ECONNREFUSED', 42]) assert.equal(isDatabaseUnavailable(value), false);
});
