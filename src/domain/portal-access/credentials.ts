import { randomInt } from 'node:crypto';

/**
 * Identifiers and temporary passwords are read on paper and typed on cheap phones:
 * one case only, and no pair of characters that look alike (0/O/Q, 1/I/L, 2/Z, 5/S, 8/B).
 * Both come from the operating system's cryptographic generator, never from personal data.
 */
const LETTERS = 'ACDEFGHJKMNPRTUVWXY';
export const LOGIN_ALPHABET = LETTERS;
export const LOGIN_LENGTH = 8;

export const PASSWORD_ALPHABET = `${LETTERS}23456789`;
export const PASSWORD_GROUPS = 4;
export const PASSWORD_GROUP_LENGTH = 3;
export const PASSWORD_LENGTH = PASSWORD_GROUPS * PASSWORD_GROUP_LENGTH;
const PASSWORD_SEPARATOR = '-';

/** Bits of entropy of a string of `length` characters drawn uniformly from `alphabetSize` symbols. */
export function entropyBits(alphabetSize: number, length: number): number {
  return length * Math.log2(alphabetSize);
}

function randomString(alphabet: string, length: number, random: (max: number) => number): string {
  let result = '';
  for (let i = 0; i < length; i++) result += alphabet[random(alphabet.length)];
  return result;
}

/** A new portal identifier: 8 capital letters (uniqueness is checked when it is stored). */
export function generateLogin(random: (max: number) => number = randomInt): string {
  return randomString(LOGIN_ALPHABET, LOGIN_LENGTH, random);
}

export type TemporaryPassword = {
  /** As printed in the document: short groups separated by dashes. */
  printed: string;
  /** As checked at login: what `normalizeTemporaryPassword` gives for any way of typing it. */
  normalized: string;
};

export function generateTemporaryPassword(random: (max: number) => number = randomInt): TemporaryPassword {
  const normalized = randomString(PASSWORD_ALPHABET, PASSWORD_LENGTH, random);
  const groups: string[] = [];
  for (let i = 0; i < PASSWORD_LENGTH; i += PASSWORD_GROUP_LENGTH) groups.push(normalized.slice(i, i + PASSWORD_GROUP_LENGTH));
  return { printed: groups.join(PASSWORD_SEPARATOR), normalized };
}

// Spaces, dots, underscores and every kind of dash a phone keyboard may produce.
const SEPARATORS = /[\s.\-_\u2010-\u2015\u2212]/g;

/**
 * What a typed temporary password is compared as: upper case, separators removed.
 * The hash stored is the hash of this form, so « acd-ef3 … », « ACDEF3… » and « ACD EF3 … » all work.
 */
export function normalizeTemporaryPassword(input: string): string {
  return input.toUpperCase().replace(SEPARATORS, '');
}

/** The identifier as typed: the same tolerance as for the temporary password. */
export function normalizeLogin(input: string): string {
  return normalizeTemporaryPassword(input);
}
