import type { HttpClient } from './http.ts';
import type { Pools } from './pools.ts';

/** Hand-outs answered per second of measurement, both concurrencies together, with room to spare. */
export const HAND_OUTS_PER_SECOND = 2500;

/**
 * Mail is recorded, through the application, for people without waiting mail until every
 * hand-out the measurement may send has mail to hand out: runs one after the other on the same
 * dataset empty the waiting mail, and a hand-out refused for lack of mail measures nothing.
 * Returns how many receptions were recorded (the after-run checks count them).
 */
export async function topUpHandOuts(staff: HttpClient, pools: Pools, log: (line: string) => void): Promise<number> {
  const people = pools.mailless;
  if (people.length === 0) return 0;
  log(`Courrier enregistré pour ${people.length} domiciliés de plus, pour que chaque distribution mesurée remette du courrier…`);
  let next = 0;
  const worker = async () => {
    while (next < people.length) {
      const id = people[next++]!;
      const reply = await staff.post(`/domicilies/${id}/courriers/reception`, { courrier: 1, colis: 0, avis_passage: 0, comment: '' });
      if (reply.status !== 303) throw new Error(`réception refusée (${reply.status}) pour ${id}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  pools.handOut.push(...people);
  return people.length;
}
