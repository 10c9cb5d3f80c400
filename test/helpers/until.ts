import assert from 'node:assert/strict';

/** Reads `read` every 100 ms for at most `seconds` seconds, until it gives something; fails otherwise. */
export async function until<T>(seconds: number, read: () => Promise<T | undefined> | T | undefined): Promise<T> {
  for (let tries = 0; tries < seconds * 10; tries++) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`nothing after ${seconds} s`);
}
