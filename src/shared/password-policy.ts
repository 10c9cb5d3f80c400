import { commonPasswords, commonWords } from './common-passwords.ts';

export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 256;

function normalize(value: string): string {
  return value.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

function isCommon(normalized: string): boolean {
  if (commonPasswords.has(normalized)) return true;
  if (new Set(normalized).size <= 2) return true;
  // "Bonjour2026!!" is still "bonjour": strip digits, symbols and spaces, then compare.
  const letters = normalized.replace(/[^a-z]/g, '');
  return letters.length === 0 || commonWords.has(letters);
}

/**
 * The first problem with a new password, in plain French, or null when it is acceptable.
 * `personal` holds words the password must not contain (identifier, name, birth date...).
 */
export function passwordProblem(password: string, personal: string[] = []): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    return `Le mot de passe doit contenir au moins ${MIN_PASSWORD_LENGTH} caractères (il en contient ${length}).`;
  }
  if (length > MAX_PASSWORD_LENGTH) return `Le mot de passe doit contenir au plus ${MAX_PASSWORD_LENGTH} caractères.`;
  const normalized = normalize(password);
  if (isCommon(normalized)) return 'Ce mot de passe est trop courant et facile à deviner. Choisissez-en un autre.';
  const compact = normalized.replace(/[\s\-_./]/g, '');
  for (const word of personal) {
    const part = normalize(word).replace(/[\s\-_./]/g, '');
    if (part.length >= 3 && (normalized.includes(part) || compact.includes(part))) {
      return 'Le mot de passe ne doit pas contenir vos informations personnelles (identifiant, nom, date de naissance…).';
    }
  }
  return null;
}
