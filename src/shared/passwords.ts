import { availableParallelism } from 'node:os';
import { hash, verify, Algorithm } from '@node-rs/argon2';

// One of OWASP's equivalent argon2id settings. Measured here, it is the fastest of them and
// holds the least memory (decision 0008). Hashes carry their settings, so older ones still verify.
const personalOptions = { algorithm: Algorithm.Argon2id, memoryCost: 7168, timeCost: 5, parallelism: 1 };
// Drawn by the machine (temporary passwords, about 57 bits): guessing is out of reach whatever
// the hash costs, so argon2id only needs to keep them unreadable (decision 0008).
const generatedOptions = { algorithm: Algorithm.Argon2id, memoryCost: 4096, timeCost: 1, parallelism: 1 };

// More hashes at once than cores only queue in libuv's pool while each holds its memory:
// admit one per core and let the others wait here (measured: lower p95 and peak memory).
const slots = availableParallelism();
let running = 0;
const waiting: (() => void)[] = [];

async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (running >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** A password a person chose. */
export function hashPassword(password: string): Promise<string> {
  return limited(() => hash(password, personalOptions));
}

/** A secret drawn at random by the application, such as a temporary password. */
export function hashGeneratedSecret(secret: string): Promise<string> {
  return limited(() => hash(secret, generatedOptions));
}

export type SecretKind = 'personal' | 'generated';

type VerificationListener = (settings: string) => void;
const listeners = new Set<VerificationListener>();

/** Lets a test see the argon2 settings of every check made (never the hash or the password). */
export function watchVerifications(listener: VerificationListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  if (listeners.size > 0) {
    const settings = passwordHash.split('$').slice(0, 4).join('$');
    for (const listener of listeners) listener(settings);
  }
  try {
    return await limited(() => verify(passwordHash, password));
  } catch {
    return false;
  }
}

// Made with the very settings of real hashes, so checking a decoy costs exactly what a real check costs.
const decoys: Record<SecretKind, Promise<string> | undefined> = { personal: undefined, generated: undefined };
function decoy(kind: SecretKind): Promise<string> {
  decoys[kind] ??= kind === 'personal' ? hashPassword('decoy password never used') : hashGeneratedSecret('DECOYNEVERUSED');
  return decoys[kind];
}

/**
 * Checks a password so that nobody can tell from the work done which case it was: one argon2
 * check for each kind of secret a login form accepts, against the stored hash for its own kind
 * and against a decoy for the others, or against decoys only when `stored` is null (unknown
 * identifier, locked, no password yet).
 */
export async function verifyWithEqualWork(stored: { hash: string; kind: SecretKind; typed: string } | null, password: string, kinds: readonly SecretKind[]): Promise<boolean> {
  const results = await Promise.all(
    kinds.map(async (kind) => {
      if (stored && stored.kind === kind) return verifyPassword(stored.hash, stored.typed);
      await verifyPassword(await decoy(kind), password);
      return false;
    }),
  );
  return stored !== null && kinds.includes(stored.kind) && results.some(Boolean);
}
