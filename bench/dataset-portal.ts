import { quote } from './dataset-setup.ts';

/** Portal logins of people who chose their own password, after their account was opened, over four months. */
export const portalLoginsStagingStatements = [
  `CREATE UNLOGGED TABLE bench.pl AS
   SELECT p.g, p.s, w.since + bench.rnd(p.g * 8 + k, 24) * (s.ref_ts - w.since) AS at, r.portal_visit AS counts
   FROM bench.people p JOIN bench.ranges r ON r.s = p.s CROSS JOIN bench.settings s
   CROSS JOIN LATERAL (SELECT greatest(p.account_at, s.ref_ts - interval '120 days') AS since) w
   CROSS JOIN LATERAL generate_series(1, 1 + floor(bench.rnd(p.g, 22) * 4)::int) k
   WHERE p.account AND p.personal AND p.planted IS NULL AND p.dormant_since IS NULL`,
  `CREATE UNLOGGED TABLE bench.pl_last AS SELECT g, max(at) AS last, max(at) FILTER (WHERE counts) AS counted FROM bench.pl GROUP BY g`,
  `ALTER TABLE bench.pl_last ADD PRIMARY KEY (g)`,
  `ANALYZE bench.pl, bench.pl_last`,
];

/** Accounts share one known password hash (hashed once): personal for most, temporary for the others. */
export function portalStatements(portalHash: string): string[] {
  return [
    `INSERT INTO portal_accounts (id, structure_id, domicilie_id, login, password_hash, password_is_temporary, temporary_password_expires_at,
       enabled, last_login_at, created_by, created_at, updated_at)
     SELECT bench.uid('pa', p.g), p.structure_id, bench.uid('d', p.g), bench.login(p.g), ${quote(portalHash)}, NOT p.personal,
       CASE WHEN NOT p.personal THEN p.account_at + interval '30 days' END, p.planted IS NOT NULL OR bench.rnd(p.g, 25) < 0.97,
       lg.last, p.created_by, p.account_at, coalesce(lg.last, p.account_at)
     FROM bench.people p LEFT JOIN bench.pl_last lg ON lg.g = p.g
     WHERE p.account`,
    `INSERT INTO portal_logins (structure_id, domicilie_id, logged_in_at, counts_as_visit)
     SELECT r.structure_id, bench.uid('d', pl.g), pl.at, pl.counts FROM bench.pl JOIN bench.ranges r ON r.s = pl.s ORDER BY pl.at`,
  ];
}
