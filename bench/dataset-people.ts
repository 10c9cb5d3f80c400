import { quote } from './dataset-setup.ts';

/** Staff per structure: the measured one has a real team, the others a small one. */
const staffRoles = `ARRAY['administrateur', 'gestionnaire', 'facteur', 'instructeur', 'gestionnaire', 'facteur', 'facteur', 'instructeur']`;
export const staffCount = (structure: string) => `(CASE WHEN ${structure} = 0 THEN 8 ELSE 3 END)`;
export const staffOf = (structure: string, random: string) => `bench.uid('u', ${structure} * 100 + 1 + floor(${random} * ${staffCount(structure)})::int)`;

export function structureStatements(staffHash: string): string[] {
  return [
    `INSERT INTO structures (id, name, type, street, postcode, city, phone, email, opening_hours, timezone, portal_enabled,
       portal_login_updates_last_visit, last_dossier_number, created_at, responsable_nom, responsable_prenom, responsable_fonction,
       agrement_prefecture, agrement_numero)
     SELECT r.structure_id,
       CASE WHEN r.s = 0 THEN 'CCAS de Marseille' ELSE (ARRAY['CCAS de ', 'CIAS du Pays de ', 'Association Accueil Solidarité de '])[k.n] || bench.pick(l.towns, bench.rnd(r.s, 102)) END,
       (ARRAY['ccas', 'cias', 'association'])[k.n], (1 + r.s % 120) || ' rue de la République',
       lpad((1000 + floor(bench.rnd(r.s, 103) * 94000))::int::text, 5, '0'), bench.pick(l.towns, bench.rnd(r.s, 102)),
       '04 91 ' || lpad((r.s % 100)::text, 2, '0') || ' 00 00', 'accueil.s' || r.s || '@bench.test',
       'Du lundi au vendredi, de 9 h à 12 h et de 13 h 30 à 17 h', r.tz, r.s = 0 OR bench.rnd(r.s, 104) < 0.85, r.portal_visit,
       r.size, s.ref_ts - interval '1125 days',
       bench.pick(l.surnames, bench.rnd(r.s, 108)), bench.pick(l.female, bench.rnd(r.s, 109)), 'Directrice',
       CASE WHEN k.n = 3 THEN 'Préfecture des Bouches-du-Rhône' END, CASE WHEN k.n = 3 THEN '13-2024-' || r.s END
     FROM bench.ranges r CROSS JOIN bench.lists l CROSS JOIN bench.settings s
     CROSS JOIN LATERAL (SELECT CASE WHEN r.s = 0 THEN 1 ELSE 1 + floor(bench.rnd(r.s, 105) * 3)::int END AS n) k`,
    `INSERT INTO staff_users (id, structure_id, email, nom, prenom, role, password_hash, created_at)
     SELECT bench.uid('u', r.s * 100 + k), r.structure_id, 'agent' || k || '.s' || r.s || '@bench.test',
       bench.pick(l.surnames, bench.rnd(r.s * 100 + k, 106)), bench.pick(l.female, bench.rnd(r.s * 100 + k, 107)),
       (${staffRoles})[k], ${quote(staffHash)}, s.ref_ts - interval '1125 days'
     FROM bench.ranges r CROSS JOIN bench.lists l CROSS JOIN bench.settings s
     CROSS JOIN LATERAL generate_series(1, ${staffCount('r.s')}) k`,
    // « Messages aux domiciliés »: a year of monthly notices, one shown for the next two months (the portal home reads it), one upcoming.
    `INSERT INTO structure_messages (structure_id, body, start_date, end_date, created_by, created_at)
     SELECT r.structure_id, m.body, s.ref + m.first, s.ref + m.last, bench.uid('u', r.s * 100 + 1), s.ref_ts + m.first * interval '1 day'
     FROM bench.ranges r CROSS JOIN bench.settings s
     CROSS JOIN LATERAL (
       SELECT 'Fermeture exceptionnelle le ' || k || ' : réouverture le lendemain à 9 h.' AS body, -30 * k AS first, -30 * k AS last FROM generate_series(1, 12) k
       UNION ALL SELECT 'Nouveaux horaires : du lundi au vendredi, de 9 h à 12 h et de 13 h 30 à 17 h.', -1, 60
       UNION ALL SELECT 'Fermeture le 24 décembre.', 70, 70) m`,
  ];
}

export const peopleTable = `CREATE UNLOGGED TABLE bench.people (
  g bigint PRIMARY KEY, s integer NOT NULL, structure_id uuid NOT NULL, tz text NOT NULL, dossier integer NOT NULL,
  planted text, status text NOT NULL, created_at timestamptz NOT NULL, created_by uuid NOT NULL,
  v0 timestamptz NOT NULL, s0 date NOT NULL, cur_start date, cur_end date, renewed boolean NOT NULL,
  radiated_at timestamptz, decided_at timestamptz, ws timestamptz, we timestamptz, weight double precision NOT NULL,
  account boolean NOT NULL, personal boolean NOT NULL, account_at timestamptz, dormant_since timestamptz)`;

/**
 * The state of each person, decided once: status, creation, first validation (v0, s0), the
 * current valid period, radiation; then the window and weight of their mail over two years,
 * and for some the day they stopped coming.
 */
export function peopleStatement(fromStructure: number, toStructure: number): string {
  return `INSERT INTO bench.people
  SELECT gs.g, r.s, r.structure_id, r.tz, (gs.g - r.first + 1)::int, p.key, a.status, a.created_at, ${staffOf('r.s', 'bench.rnd(gs.g, 5)')},
    b.v0, c.s0, d.cur_start, (d.cur_start + interval '1 year' - interval '1 day')::date, coalesce(d.cur_start > c.s0, false),
    e.radiated_at, CASE WHEN a.status IN ('refuse', 'a_valider') THEN a.created_at + (1 + bench.rnd(gs.g, 6) * 5) * interval '1 day' END,
    f.ws, f.we,
    CASE WHEN p.g IS NULL AND a.status IN ('valide', 'radie') AND f.we > f.ws
      THEN extract(epoch FROM f.we - f.ws) / 86400 * (0.15 + 2.5 * bench.rnd(gs.g, 9) ^ 3) ELSE 0 END,
    coalesce(p.account, a.status = 'valide' AND bench.rnd(gs.g, 20) < 0.48),
    coalesce(p.account, bench.rnd(gs.g, 21) < 0.8),
    greatest(b.v0 + interval '1 day', s.ref_ts - interval '500 days') + bench.rnd(gs.g, 23) * interval '1 day',
    -- Some valid domiciliés stop coming (mail keeps arriving): the « dernier passage > 3 mois » list.
    CASE WHEN p.g IS NULL AND a.status = 'valide' AND bench.rnd(gs.g, 26) < 0.15 THEN s.ref_ts - (95 + bench.rnd(gs.g, 27) * 300) * interval '1 day' END
  FROM bench.ranges r
  CROSS JOIN bench.settings s
  CROSS JOIN LATERAL generate_series(r.first, r.first + r.size - 1) AS gs(g)
  LEFT JOIN bench.planted p ON p.g = gs.g
  CROSS JOIN LATERAL (SELECT
      s.ref_ts - interval '1095 days' + ((gs.g - r.first) + bench.rnd(gs.g, 2)) / r.size * interval '1081 days' AS created_at,
      CASE WHEN p.g IS NOT NULL THEN 'valide' ELSE (SELECT CASE WHEN x < 0.70 THEN 'valide' WHEN x < 0.82 THEN 'radie'
        WHEN x < 0.87 THEN 'refuse' WHEN x < 0.95 THEN 'instruction' ELSE 'a_valider' END FROM (SELECT bench.rnd(gs.g, 1) AS x) v) END AS status) a
  CROSS JOIN LATERAL (SELECT a.created_at + (2 + bench.rnd(gs.g, 3) * 10) * interval '1 day' AS v0) b
  CROSS JOIN LATERAL (SELECT b.v0::date AS s0, floor((s.ref - b.v0::date) / 365.25)::int AS k) c
  CROSS JOIN LATERAL (SELECT CASE WHEN a.status = 'valide' THEN coalesce(s.ref - p.start_days,
      (c.s0 + make_interval(years => CASE WHEN bench.rnd(gs.g, 4) < 0.93 OR c.k = 0 THEN c.k ELSE c.k - 1 END))::date) END AS cur_start) d
  CROSS JOIN LATERAL (SELECT CASE WHEN a.status = 'radie' THEN b.v0 +
      least(extract(epoch FROM s.ref_ts - b.v0) / 86400 - 1, 30 + bench.rnd(gs.g, 7) * 670) * interval '1 day' END AS radiated_at) e
  CROSS JOIN LATERAL (SELECT greatest(b.v0, s.ref_ts - interval '730 days') AS ws,
      CASE WHEN a.status = 'radie' THEN least(e.radiated_at + interval '30 days', s.ref_ts) ELSE s.ref_ts END AS we) f
  WHERE r.s BETWEEN ${fromStructure} AND ${toStructure}`;
}

/**
 * The domiciliés, with the counts and dates the application keeps denormalised: waiting
 * mail (from bench.agg) and the date de dernier passage computed by the rule of
 * src/domain/last-visit (events, creation, renewals, valid starts, counted portal logins).
 */
export function domiciliesStatement(fromStructure: number, toStructure: number): string {
  const r = (salt: number) => `bench.rnd(p.g, ${salt})`;
  return `INSERT INTO domicilies (id, structure_id, dossier_number, custom_ref, nom, prenom, surnom, sexe, birth_date, birth_place,
    nationality, language, phone, email, status, start_date, end_date, last_visit_at, waiting_courrier, waiting_colis,
    waiting_avis_passage, created_by, created_at, updated_at)
  SELECT bench.uid('d', p.g), p.structure_id, p.dossier, CASE WHEN ${r(40)} < 0.05 THEN 'R-' || p.dossier END,
    coalesce(pl.nom, CASE WHEN ${r(41)} < 0.03 THEN bench.pick(l.surnames, ${r(42)} ^ 1.3) || '-' || bench.pick(l.surnames, ${r(43)})
      ELSE bench.pick(l.surnames, ${r(42)} ^ 1.3) END),
    coalesce(pl.prenom, CASE WHEN x.sexe = 'femme' OR (x.sexe = 'autre' AND ${r(44)} < 0.5) THEN bench.pick(l.female, ${r(45)} ^ 1.2)
      ELSE bench.pick(l.male, ${r(45)} ^ 1.2) END),
    CASE WHEN pl.g IS NULL AND ${r(46)} < 0.04 THEN bench.pick(l.nicknames, ${r(47)}) END,
    x.sexe, coalesce(pl.birth_date, date '1940-01-01' + floor(${r(48)} * 24500)::int),
    bench.pick(l.towns, ${r(49)}),
    CASE WHEN ${r(50)} < 0.6 THEN 'française' ELSE bench.pick(l.nationalities, ${r(51)}) END,
    CASE WHEN ${r(52)} < 0.8 THEN 'français' ELSE (ARRAY['arabe', 'anglais', 'roumain', 'peul', 'dari'])[1 + floor(${r(53)} * 5)::int] END,
    CASE WHEN ${r(54)} < 0.55 THEN '06 ' || lpad((floor(${r(55)} * 100000000))::int::text, 8, '0') END,
    CASE WHEN ${r(56)} < 0.12 THEN 'personne' || p.g || '@exemple.fr' END,
    p.status,
    CASE WHEN p.status = 'valide' THEN p.cur_start END, CASE WHEN p.status = 'valide' THEN p.cur_end END,
    greatest(a.presence, p.created_at,
      CASE WHEN p.renewed THEN p.cur_start - interval '5 days' + interval '11 hours' END,
      (CASE p.status WHEN 'valide' THEN p.cur_start WHEN 'radie' THEN p.s0 END)::timestamp AT TIME ZONE p.tz,
      lg.counted),
    coalesce(a.wc, 0), coalesce(a.wp, 0), coalesce(a.wa, 0), p.created_by, p.created_at,
    greatest(p.created_at, a.presence)
  FROM bench.people p
  CROSS JOIN bench.lists l
  LEFT JOIN bench.planted pl ON pl.g = p.g
  LEFT JOIN bench.agg a ON a.g = p.g
  LEFT JOIN bench.pl_last lg ON lg.g = p.g
  CROSS JOIN LATERAL (SELECT coalesce(pl.sexe, CASE WHEN ${r(57)} < 0.62 THEN 'homme' WHEN ${r(57)} < 0.98 THEN 'femme' ELSE 'autre' END) AS sexe) x
  WHERE p.s BETWEEN ${fromStructure} AND ${toStructure}`;
}

/** The decisions behind each status: instruction, then valide / refus / à valider, renewals, radiation. */
export function decisionsStatement(fromStructure: number, toStructure: number): string {
  return `INSERT INTO decisions (id, structure_id, domicilie_id, status, is_renewal, start_date, end_date, motif, orientation, created_by, created_at, decided_on)
  SELECT bench.uid('dec', p.g * 4 + x.n), p.structure_id, bench.uid('d', p.g), x.status, x.renewal, x.start_date, x.end_date,
    x.motif, x.orientation, p.created_by, x.at, (x.at AT TIME ZONE p.tz)::date
  FROM bench.people p
  CROSS JOIN LATERAL (VALUES
    (0, 'instruction', false, NULL::date, NULL::date, NULL::text, NULL::text, p.created_at),
    (1, CASE p.status WHEN 'valide' THEN 'valide' WHEN 'radie' THEN 'valide' WHEN 'refuse' THEN 'refuse' WHEN 'a_valider' THEN 'a_valider' END,
      false, CASE WHEN p.status IN ('valide', 'radie') THEN p.s0 END,
      CASE WHEN p.status IN ('valide', 'radie') THEN (p.s0 + interval '1 year' - interval '1 day')::date END,
      CASE WHEN p.status = 'refuse' THEN 'saturation' END,
      CASE WHEN p.status = 'refuse' THEN 'CCAS de la commune de résidence' END,
      CASE WHEN p.status IN ('valide', 'radie') THEN p.v0 ELSE p.decided_at END),
    (2, CASE WHEN p.renewed THEN 'instruction' END, true, NULL, NULL, NULL, NULL, p.cur_start - interval '20 days' + interval '10 hours'),
    (3, CASE WHEN p.renewed THEN 'valide' WHEN p.status = 'radie' THEN 'radie' END, p.renewed,
      CASE WHEN p.renewed THEN p.cur_start END, CASE WHEN p.renewed THEN p.cur_end END,
      CASE WHEN p.status = 'radie' THEN 'non_manifestation_depuis_plus_de_3_mois' END, NULL,
      CASE WHEN p.renewed THEN p.cur_start - interval '5 days' + interval '11 hours' ELSE p.radiated_at END)
  ) x(n, status, renewal, start_date, end_date, motif, orientation, at)
  WHERE x.status IS NOT NULL AND p.s BETWEEN ${fromStructure} AND ${toStructure}`;
}

/** A few family members and mandataires, so the fiche has its usual joins. */
export function relativesStatements(): string[] {
  return [
    `INSERT INTO ayants_droit (id, domicilie_id, nom, prenom, birth_date, lien)
     SELECT bench.uid('ad', p.g), bench.uid('d', p.g), bench.pick(l.surnames, bench.rnd(p.g, 60)), bench.pick(l.female, bench.rnd(p.g, 61)),
       date '2008-01-01' + floor(bench.rnd(p.g, 62) * 5000)::int, CASE WHEN bench.rnd(p.g, 63) < 0.7 THEN 'enfant' ELSE 'conjoint' END
     FROM bench.people p CROSS JOIN bench.lists l WHERE p.planted IS NULL AND bench.rnd(p.g, 64) < 0.1`,
    `INSERT INTO procurations (id, structure_id, domicilie_id, nom, prenom, birth_date, start_date, end_date, created_by, created_at)
     SELECT bench.uid('pr', p.g), p.structure_id, bench.uid('d', p.g), bench.pick(l.surnames, bench.rnd(p.g, 65)), bench.pick(l.male, bench.rnd(p.g, 66)),
       date '1960-01-01' + floor(bench.rnd(p.g, 67) * 15000)::int, p.cur_start, p.cur_end, p.created_by, p.cur_start::timestamptz
     FROM bench.people p CROSS JOIN bench.lists l WHERE p.planted IS NULL AND p.status = 'valide' AND bench.rnd(p.g, 68) < 0.02`,
  ];
}

/** The words of every name, as the triggers of migrations 0052 and 0053 write them (triggers are off while loading). */
export const namesWordsStatements = [
  `INSERT INTO domicilie_words (structure_id, word, search_text, domicilie_id)
    SELECT d.structure_id, w, d.search_text, d.id FROM domicilies d, name_words(d.search_text) AS w`,
  `INSERT INTO structure_words (structure_id, word, people) SELECT structure_id, word, count(*) FROM domicilie_words GROUP BY structure_id, word`,
];

/**
 * The home page's counts as migration 0070 keeps them: the load writes them itself (its
 * triggers may be off), replacing whatever the triggers wrote if they were on.
 */
export const talliesStatements = [
  `DELETE FROM structure_tallies`,
  `INSERT INTO structure_tallies (structure_id, valide, mail_people, mail_items)
    SELECT structure_id, count(*) FILTER (WHERE status = 'valide'),
      count(*) FILTER (WHERE waiting_courrier + waiting_colis + waiting_avis_passage > 0),
      sum(waiting_courrier + waiting_colis + waiting_avis_passage)
    FROM domicilies GROUP BY structure_id`,
];
