import assert from 'node:assert/strict';

/** Retries `attempt` every 250 ms for at most `seconds` seconds, until it answers `status`. */
export async function untilStatus(status: number, seconds: number, attempt: () => Promise<{ statusCode: number }>) {
  let last = 0;
  for (let tries = 0; tries < seconds * 4; tries++) {
    last = (await attempt()).statusCode;
    if (last === status) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assert.fail(`still ${last} after ${seconds} s, expected ${status}`);
}
