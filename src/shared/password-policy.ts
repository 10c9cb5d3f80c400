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

/** What is wrong with a password typed in a form; each application words it (decision 0027). */
export type PasswordProblem =
  | { code: 'mot_de_passe_trop_court'; min: number; length: number }
  | { code: 'mot_de_passe_trop_long'; max: number }
  | { code: 'mot_de_passe_courant' }
  | { code: 'mot_de_passe_personnel' }
  | { code: 'confirmation_differente' }
  | { code: 'mot_de_passe_actuel_incorrect' };

/**
 * The first rule a new password breaks, or null when it is acceptable. `personal` holds words
 * the password must not contain (identifier, name, birth date...).
 */
export function passwordProblem(password: string, personal: string[] = []): PasswordProblem | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return { code: 'mot_de_passe_trop_court', min: MIN_PASSWORD_LENGTH, length };
  if (length > MAX_PASSWORD_LENGTH) return { code: 'mot_de_passe_trop_long', max: MAX_PASSWORD_LENGTH };
  const normalized = normalize(password);
  if (isCommon(normalized)) return { code: 'mot_de_passe_courant' };
  const compact = normalized.replace(/[\s\-_./]/g, '');
  for (const word of personal) {
    const part = normalize(word).replace(/[\s\-_./]/g, '');
    if (part.length >= 3 && (normalized.includes(part) || compact.includes(part))) return { code: 'mot_de_passe_personnel' };
  }
  return null;
}
