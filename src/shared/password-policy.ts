import { commonFrenchPasswords } from './common-french-passwords.ts';
import { commonPasswords, commonWords } from './common-passwords.ts';

export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 256;

function normalize(value: string): string {
  return value.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** « Bonjour2026 !! » is still « bonjour », « Mon cœur » is « moncoeur »: letters only, then compare. */
function lettersOf(normalized: string): string {
  return normalized.replaceAll('œ', 'oe').replaceAll('æ', 'ae').replace(/[^a-z]/g, '');
}

const commonLetters = new Set([...commonWords, ...commonFrenchPasswords].map((word) => lettersOf(normalize(word))));

/** Keyboard rows (AZERTY, QWERTY) and the alphabet, one after the other as fingers run along them. */
const runs = ['azertyuiopqsdfghjklmwxcvbn', 'qwertyuiopasdfghjklzxcvbnm', 'abcdefghijklmnopqrstuvwxyz'];
const isRun = (letters: string) => letters.length >= 4 && runs.some((run) => run.includes(letters) || run.includes([...letters].reverse().join('')));

function isCommon(normalized: string): boolean {
  if (commonPasswords.has(normalized)) return true;
  if (new Set(normalized).size <= 2) return true;
  const letters = lettersOf(normalized);
  return letters.length === 0 || commonLetters.has(letters) || isRun(letters);
}

/** Which rule a new password breaks; callers word it in their page's language. */
export type BrokenPasswordRule =
  | { rule: 'tooShort'; min: number; length: number }
  | { rule: 'tooLong'; max: number }
  | { rule: 'common' }
  | { rule: 'personal' };

/** `personal` holds words the password must not contain (identifier, name, birth date...). */
export function brokenPasswordRule(password: string, personal: string[] = []): BrokenPasswordRule | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return { rule: 'tooShort', min: MIN_PASSWORD_LENGTH, length };
  if (length > MAX_PASSWORD_LENGTH) return { rule: 'tooLong', max: MAX_PASSWORD_LENGTH };
  const normalized = normalize(password);
  if (isCommon(normalized)) return { rule: 'common' };
  const compact = normalized.replace(/[\s\-_./]/g, '');
  for (const word of personal) {
    const part = normalize(word).replace(/[\s\-_./]/g, '');
    if (part.length >= 3 && (normalized.includes(part) || compact.includes(part))) return { rule: 'personal' };
  }
  return null;
}

export const frenchPasswordRules = {
  tooShort: ({ min, length }: { min: number; length: number }) => `Le mot de passe doit contenir au moins ${min} caractères (il en contient ${length}).`,
  tooLong: ({ max }: { max: number }) => `Le mot de passe doit contenir au plus ${max} caractères.`,
  common: () => 'Ce mot de passe est trop courant et facile à deviner. Choisissez-en un autre.',
  personal: () => 'Le mot de passe ne doit pas contenir vos informations personnelles (identifiant, nom, date de naissance…).',
};

export type PasswordRuleWords = typeof frenchPasswordRules;

/** Words a broken rule with the given texts. */
export function describePasswordRule(broken: BrokenPasswordRule, words: PasswordRuleWords): string {
  switch (broken.rule) {
    case 'tooShort':
      return words.tooShort(broken);
    case 'tooLong':
      return words.tooLong(broken);
    case 'common':
      return words.common();
    case 'personal':
      return words.personal();
  }
}

/** The first problem with a new password, in plain French, or null when it is acceptable. */
export function passwordProblem(password: string, personal: string[] = []): string | null {
  const broken = brokenPasswordRule(password, personal);
  return broken ? describePasswordRule(broken, frenchPasswordRules) : null;
}
