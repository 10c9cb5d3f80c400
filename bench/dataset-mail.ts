import { staffOf } from './dataset-people.ts';

/** Planted people's own events get numbers far above the random ones. */
const PLANTED_EVENT_BASE = 1_000_000_000_000;

/**
 * How many events each person gets: their structure's total, shared in proportion to their
 * weight (time under domiciliation × activity), with cumulative rounding so totals are exact.
 */
export const countsStatements = [
  `CREATE UNLOGGED TABLE bench.counts AS
   SELECT x.g, x.s, x.cum - lag(x.cum, 1, 0::bigint) OVER w AS n, r.event_offset + lag(x.cum, 1, 0::bigint) OVER w AS e0
   FROM (
     SELECT p.g, p.s, least(r.events, floor(r.events * sum(p.weight) OVER (PARTITION BY p.s ORDER BY p.g)
       / nullif(sum(p.weight) OVER (PARTITION BY p.s), 0) + 1e-6))::bigint AS cum
     FROM bench.people p JOIN bench.ranges r ON r.s = p.s
   ) x JOIN bench.ranges r ON r.s = x.s
   WINDOW w AS (PARTITION BY x.s ORDER BY x.g)`,
  `DELETE FROM bench.counts WHERE n = 0 OR n IS NULL`,
  `ALTER TABLE bench.counts ADD PRIMARY KEY (g)`,
  `ANALYZE bench.people, bench.counts`,
  `CREATE UNLOGGED TABLE bench.ev (e bigint NOT NULL, g bigint NOT NULL, s integer NOT NULL, t timestamptz NOT NULL, kind text NOT NULL,
     qc integer NOT NULL, qp integer NOT NULL, qa integer NOT NULL, comment text, staff uuid NOT NULL, rel_e bigint)`,
];

/**
 * The events of one group of structures. A person's j-th event comes after their (j-1)-th, in
 * working hours; receptions are released by the person's next hand-out (or return to sender).
 */
export function eventsStatement(fromStructure: number, toStructure: number): string {
  return `INSERT INTO bench.ev
  SELECT e, g, s, t, kind, qc, qp, qa, comment, staff,
    CASE WHEN kind = 'reception' THEN min(CASE WHEN kind IN ('hand_out', 'return_to_sender') THEN e END)
      OVER (PARTITION BY g ORDER BY e DESC ROWS UNBOUNDED PRECEDING) END
  FROM (
    SELECT y.e, p.g, p.s, y.t,
      CASE WHEN y.k < 0.62 OR y.t > p.dormant_since THEN 'reception'
        WHEN y.k < 0.84 THEN CASE WHEN p.status = 'radie' AND y.t > p.radiated_at THEN 'return_to_sender' ELSE 'hand_out' END
        WHEN y.k < 0.95 THEN 'visit' ELSE 'call' END AS kind,
      CASE WHEN bench.rnd(y.e, 13) < 0.88 THEN 1 + (bench.rnd(y.e, 14) < 0.15)::int + (bench.rnd(y.e, 14) < 0.03)::int
        WHEN bench.rnd(y.e, 15) >= 0.10 AND bench.rnd(y.e, 16) >= 0.07 THEN 1 ELSE 0 END AS qc,
      (bench.rnd(y.e, 15) < 0.10)::int AS qp, (bench.rnd(y.e, 16) < 0.07)::int AS qa,
      CASE WHEN bench.rnd(y.e, 17) < 0.08 THEN bench.pick(l.comments, bench.rnd(y.e, 18)) END AS comment,
      ${staffOf('p.s', 'bench.rnd(y.e, 19)')} AS staff
    FROM bench.counts c
    JOIN bench.people p ON p.g = c.g
    CROSS JOIN bench.lists l
    CROSS JOIN LATERAL generate_series(1, c.n) AS j
    CROSS JOIN LATERAL (SELECT c.e0 + j AS e, p.ws + (j - 1 + bench.rnd(c.e0 + j, 11)) / c.n * (p.we - p.ws) AS raw) x
    CROSS JOIN LATERAL (SELECT x.e, date_trunc('day', x.raw) + interval '7 hours' + (x.raw - date_trunc('day', x.raw)) * 0.4 AS t,
      bench.rnd(x.e, 12) AS k) y
    WHERE c.s BETWEEN ${fromStructure} AND ${toStructure}
  ) z`;
}

/** Planted people: a visit and waiting mail at known dates, nothing random. */
export const plantedEventsStatement = `INSERT INTO bench.ev
  SELECT ${PLANTED_EVENT_BASE} + pl.g * 10 + v.n, pl.g, p.s, v.t, v.kind, v.qc, v.qp, 0, v.comment, ${staffOf('p.s', '0.5')}, NULL
  FROM bench.planted pl JOIN bench.people p ON p.g = pl.g CROSS JOIN bench.settings s
  CROSS JOIN LATERAL (VALUES
    (1, 'visit', s.ref_ts - pl.visit_days * interval '1 day' + interval '9 hours', 0, 0, NULL),
    (2, 'reception', s.ref_ts - interval '3 days' + interval '10 hours', pl.wc, pl.wp, 'Lettre de la CAF')
  ) v(n, kind, t, qc, qp, comment)
  WHERE (v.n = 1 AND pl.visit_days IS NOT NULL) OR (v.n = 2 AND pl.wc + pl.wp > 0)`;

/** What each hand-out released, and per person what still waits and when they last showed up. */
export const aggregateStatements = [
  `CREATE UNLOGGED TABLE bench.rel AS
   SELECT rel_e AS e, sum(qc)::integer AS qc, sum(qp)::integer AS qp, sum(qa)::integer AS qa FROM bench.ev WHERE rel_e IS NOT NULL GROUP BY rel_e`,
  `ANALYZE bench.ev`,
  `ALTER TABLE bench.rel ADD PRIMARY KEY (e)`,
  // A hand-out that released nothing becomes a visit: the person came, there was no mail.
  `CREATE UNLOGGED TABLE bench.agg AS
   SELECT ev.g,
     sum(ev.qc) FILTER (WHERE ev.kind = 'reception' AND ev.rel_e IS NULL)::integer AS wc,
     sum(ev.qp) FILTER (WHERE ev.kind = 'reception' AND ev.rel_e IS NULL)::integer AS wp,
     sum(ev.qa) FILTER (WHERE ev.kind = 'reception' AND ev.rel_e IS NULL)::integer AS wa,
     max(ev.t) FILTER (WHERE ev.kind IN ('visit', 'call', 'transfer') OR (ev.kind IN ('hand_out', 'return_to_sender') AND rel.e IS NULL)
       OR (ev.kind = 'hand_out' AND rel.e IS NOT NULL)) AS presence
   FROM bench.ev LEFT JOIN bench.rel ON rel.e = ev.e GROUP BY ev.g`,
  `ALTER TABLE bench.agg ADD PRIMARY KEY (g)`,
  `ANALYZE bench.rel, bench.agg`,
];

export function courrierEventsStatement(fromStructure: number, toStructure: number): string {
  return `INSERT INTO courrier_events (id, structure_id, domicilie_id, kind, courrier, colis, avis_passage, comment, recipient, created_by, created_at)
  SELECT bench.uid('e', ev.e), r.structure_id, bench.uid('d', ev.g), f.kind,
    CASE WHEN ev.kind = 'reception' THEN ev.qc ELSE coalesce(rel.qc, 0) END,
    CASE WHEN ev.kind = 'reception' THEN ev.qp ELSE coalesce(rel.qp, 0) END,
    CASE WHEN ev.kind = 'reception' THEN ev.qa ELSE coalesce(rel.qa, 0) END,
    ev.comment, CASE WHEN f.kind = 'hand_out' THEN 'domicilie' END, ev.staff, ev.t
  FROM bench.ev JOIN bench.ranges r ON r.s = ev.s LEFT JOIN bench.rel ON rel.e = ev.e
  CROSS JOIN LATERAL (SELECT CASE WHEN ev.kind IN ('hand_out', 'return_to_sender') AND rel.e IS NULL THEN 'visit' ELSE ev.kind END AS kind) f
  WHERE ev.s BETWEEN ${fromStructure} AND ${toStructure}`;
}

export function courrierItemsStatement(fromStructure: number, toStructure: number): string {
  return `INSERT INTO courrier_items (id, structure_id, domicilie_id, reception_event_id, type, quantity, comment, received_at, released_event_id)
  SELECT bench.uid('i', ev.e * 3 + x.n), r.structure_id, bench.uid('d', ev.g), bench.uid('e', ev.e), x.type, x.q, ev.comment, ev.t,
    bench.uid('e', ev.rel_e)
  FROM bench.ev JOIN bench.ranges r ON r.s = ev.s
  CROSS JOIN LATERAL (VALUES (0, 'courrier', ev.qc), (1, 'colis', ev.qp), (2, 'avis_passage', ev.qa)) x(n, type, q)
  WHERE ev.kind = 'reception' AND x.q > 0 AND ev.s BETWEEN ${fromStructure} AND ${toStructure}`;
}
