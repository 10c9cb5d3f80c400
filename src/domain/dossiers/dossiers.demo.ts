import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import type { CourrierEventsTable, CourrierItemsTable, DB, DecisionsTable, DomicilieStatus, DomiciliesTable, OrientationCode } from '../../db/schema.ts';
import { addDays, addMonths, isoDateIn, type IsoDate } from '../../shared/dates.ts';
import { defaultEndDate, stateAfter } from '../decisions/decision-rules.ts';
import { recomputeLastVisit } from '../last-visit/last-visit.service.ts';
import type { AyantDroit, Lien } from '../domicilies/identity-input.ts';
import { emptyEntretien, type Entretien } from '../entretien/entretien-fields.ts';

/** How a demo person's file went: enough to write its decisions with dates relative to today. */
type Story =
  | { kind: 'instruction'; createdDaysAgo: number }
  | { kind: 'a_valider'; createdDaysAgo: number }
  | { kind: 'valide'; startMonthsAgo: number }
  /** A first year of domiciliation, then a renewal granted when it ended: the past decision keeps its attestation. */
  | { kind: 'renouvele'; startMonthsAgo: number }
  | { kind: 'renouvellement'; startMonthsAgo: number; renewalDaysAgo: number }
  | { kind: 'refuse'; createdDaysAgo: number; motif: string; text?: string; orientation?: [OrientationCode, string] }
  | { kind: 'radie'; startMonthsAgo: number; radiatedDaysAgo: number; motif: string; text?: string };

type Person = {
  nom: string;
  prenom: string;
  sexe: 'femme' | 'homme';
  birth: IsoDate;
  surnom?: string;
  place?: string;
  nationality?: string;
  language?: string;
  phone?: string;
  story: Story;
  entretien?: Partial<Entretien>;
  ayantsDroit?: [string, string, IsoDate, Lien][];
  mail?: { courrier?: number; colis?: number; avis_passage?: number; daysAgo: number; comment?: string };
  visitDaysAgo?: number;
};

const marieEntretien: Partial<Entretien> = {
  composition_menage: 'FEMME_ISOLE_AVEC_ENFANT', lien_commune: 'RESIDENTIEL', situation_residentielle: 'HEBERGEMENT_TIERS',
  cause_instabilite: 'RUPTURE', motif_demande: 'PRESTATIONS_SOCIALES', accompagnement: true, accompagnement_par: 'Maison de la Métropole',
  situation_pro: 'RSA', revenus: true, revenus_nature: 'RSA', orientation: true, orientation_par: 'Assistante sociale du secteur', domiciliation_existante: false,
};

const v = (startMonthsAgo: number): Story => ({ kind: 'valide', startMonthsAgo });

/** « CCAS de Démo »: tests outside the project rely on the first four people exactly. */
export const demoPeople: Person[] = [
  { nom: 'Dupont', prenom: 'Marie', sexe: 'femme', birth: '1985-03-14', place: 'Lyon', nationality: 'Française', language: 'Français', phone: '06 12 34 56 78', story: { kind: 'renouvele', startMonthsAgo: 3 }, ayantsDroit: [['Dupont', 'Lucas', '2015-06-02', 'enfant'], ['Dupont', 'Inès', '2018-09-17', 'enfant']], entretien: marieEntretien, mail: { courrier: 2, colis: 1, daysAgo: 2 } },
  { nom: 'Martin', prenom: 'Jean', sexe: 'homme', birth: '1970-11-02', place: 'Saint-Étienne', nationality: 'Française', story: v(6), visitDaysAgo: 9 },
  { nom: 'Lefèvre', prenom: 'Sophie', sexe: 'femme', birth: '1992-06-30', place: 'Grenoble', nationality: 'Française', story: { kind: 'instruction', createdDaysAgo: 5 } },
  { nom: 'Benali', prenom: 'Ahmed', sexe: 'homme', birth: '1979-01-21', place: 'Oran (Algérie)', nationality: 'Algérienne', language: 'Arabe', story: { kind: 'radie', startMonthsAgo: 14, radiatedDaysAgo: 30, motif: 'non_manifestation_depuis_plus_de_3_mois' } },
  { nom: 'Girard', prenom: 'Hélène', sexe: 'femme', birth: '1968-09-12', story: v(11), visitDaysAgo: 20 },
  { nom: 'Moreau', prenom: 'Frédéric', surnom: 'Fred', sexe: 'homme', birth: '1975-04-03', story: v(5) },
  { nom: 'Traoré', prenom: 'Aminata', sexe: 'femme', birth: '1990-12-24', nationality: 'Malienne', language: 'Bambara', story: v(4), ayantsDroit: [['Traoré', 'Issa', '2016-03-08', 'enfant'], ['Traoré', 'Mariam', '2019-10-21', 'enfant']], mail: { avis_passage: 1, daysAgo: 1 } },
  { nom: 'Popescu', prenom: 'Ioana', sexe: 'femme', birth: '1988-07-17', nationality: 'Roumaine', language: 'Roumain', story: { kind: 'a_valider', createdDaysAgo: 12 } },
  { nom: 'Diallo', prenom: 'Mamadou', sexe: 'homme', birth: '1983-02-11', nationality: 'Guinéenne', story: { kind: 'refuse', createdDaysAgo: 40, motif: 'pas_de_lien_avec_la_commune', orientation: ['CCAS_CIAS', 'CCAS de Villeurbanne'] } },
  { nom: 'Haddad', prenom: 'Karim', surnom: 'Kiki', sexe: 'homme', birth: '1981-10-30', story: v(13) },
  { nom: 'Lemaître', prenom: 'Noël', sexe: 'homme', birth: '1959-12-25', story: { kind: 'renouvellement', startMonthsAgo: 11, renewalDaysAgo: 6 } },
  { nom: 'Bérenger', prenom: 'Anaïs', sexe: 'femme', birth: '1996-05-08', story: { kind: 'instruction', createdDaysAgo: 2 } },
  { nom: 'Keïta', prenom: 'Moussa', sexe: 'homme', birth: '1987-08-19', story: v(2), mail: { courrier: 3, daysAgo: 4, comment: 'Lettre recommandée de la CAF à venir chercher avec une pièce d’identité.' } },
  { nom: 'Rousseau', prenom: 'Chloé', sexe: 'femme', birth: '2001-01-15', story: v(1), visitDaysAgo: 3 },
  { nom: 'Fontaine', prenom: 'Gérard', surnom: 'Gégé', sexe: 'homme', birth: '1955-03-22', story: { kind: 'radie', startMonthsAgo: 9, radiatedDaysAgo: 15, motif: 'entree_dans_un_logement' } },
  { nom: 'Da Silva', prenom: 'João', sexe: 'homme', birth: '1978-06-06', nationality: 'Portugaise', language: 'Portugais', story: v(7), visitDaysAgo: 40 },
  { nom: 'Mansouri', prenom: 'Leïla', sexe: 'femme', birth: '1993-11-11', story: v(8), ayantsDroit: [['Mansouri', 'Sami', '1990-04-02', 'conjoint']], visitDaysAgo: 12 },
  { nom: 'Petit', prenom: 'Léo', sexe: 'homme', birth: '1999-04-27', story: { kind: 'a_valider', createdDaysAgo: 8 } },
  { nom: 'Ivanova', prenom: 'Olga', sexe: 'femme', birth: '1972-02-14', nationality: 'Ukrainienne', language: 'Ukrainien', story: { kind: 'refuse', createdDaysAgo: 60, motif: 'saturation', orientation: ['ORGANISME_AGREE', 'Association Abri'] } },
  { nom: 'Coulibaly', prenom: 'Awa', sexe: 'femme', birth: '1985-10-05', story: v(4), mail: { courrier: 1, avis_passage: 1, daysAgo: 6 } },
  { nom: 'Garnier', prenom: 'Thérèse', sexe: 'femme', birth: '1949-08-30', story: { kind: 'valide', startMonthsAgo: 2.5 } },
  { nom: 'Ben Ahmed', prenom: 'Youssef', sexe: 'homme', birth: '1990-03-03', language: 'Arabe', story: { kind: 'instruction', createdDaysAgo: 1 } },
  { nom: 'Roux', prenom: 'Stéphane', surnom: 'Le Grand', sexe: 'homme', birth: '1966-01-09', story: v(14) },
  { nom: 'Lambert', prenom: 'Émilie', sexe: 'femme', birth: '1987-12-12', story: v(3), visitDaysAgo: 7 },
  { nom: 'Kowalski', prenom: 'Piotr', sexe: 'homme', birth: '1980-05-21', language: 'Polonais', story: { kind: 'radie', startMonthsAgo: 6, radiatedDaysAgo: 45, motif: 'a_sa_demande' } },
  { nom: 'Sow', prenom: 'Fatoumata', sexe: 'femme', birth: '1994-09-09', story: v(5), ayantsDroit: [['Sow', 'Aïssatou', '2014-01-30', 'enfant'], ['Sow', 'Ousmane', '2017-07-12', 'enfant'], ['Sow', 'Binta', '2021-05-05', 'enfant']], visitDaysAgo: 14 },
  { nom: 'Mercier', prenom: 'Rémi', sexe: 'homme', birth: '1977-07-07', story: v(10.5), visitDaysAgo: 25 },
  { nom: 'Brahimi', prenom: 'Nadia', sexe: 'femme', birth: '1982-04-16', story: v(6), mail: { colis: 2, daysAgo: 3 } },
  { nom: 'Dubois', prenom: 'Jérôme', sexe: 'homme', birth: '1969-10-10', story: { kind: 'instruction', createdDaysAgo: 15 } },
  { nom: 'Camara', prenom: 'Ibrahima', sexe: 'homme', birth: '1991-06-18', story: v(9), visitDaysAgo: 50 },
  { nom: 'Lefebvre', prenom: 'Maëlle', sexe: 'femme', birth: '1998-02-02', story: v(2) },
  { nom: 'Chérif', prenom: 'Saïd', sexe: 'homme', birth: '1963-11-29', story: v(7) },
  { nom: 'Nowak', prenom: 'Anna', sexe: 'femme', birth: '1986-03-31', language: 'Polonais', story: { kind: 'a_valider', createdDaysAgo: 20 } },
  { nom: 'Faure', prenom: 'Gaëlle', sexe: 'femme', birth: '1995-08-08', story: v(1), mail: { courrier: 1, daysAgo: 0 } },
  { nom: 'Touré', prenom: 'Oumar', sexe: 'homme', birth: '1984-01-01', story: { kind: 'refuse', createdDaysAgo: 25, motif: 'autre', text: 'Domiciliation déjà active dans une autre structure' } },
  { nom: 'Vincent', prenom: 'Josiane', sexe: 'femme', birth: '1958-06-14', story: v(8), visitDaysAgo: 2 },
  { nom: 'Öztürk', prenom: 'Mehmet', sexe: 'homme', birth: '1976-09-23', language: 'Turc', story: v(4) },
  { nom: 'Pereira', prenom: 'Ana', sexe: 'femme', birth: '1989-12-03', language: 'Portugais', story: { kind: 'instruction', createdDaysAgo: 3 } },
  { nom: 'Hébert', prenom: 'Christophe', surnom: 'Tof', sexe: 'homme', birth: '1971-05-05', story: { kind: 'radie', startMonthsAgo: 12, radiatedDaysAgo: 70, motif: 'non_respect_du_reglement' } },
  { nom: 'Nguyen', prenom: 'Minh', sexe: 'homme', birth: '1983-04-19', language: 'Vietnamien', story: v(3), visitDaysAgo: 1 },
];

/** « Association Abri »: a few people, « Paul DURAND » among them. */
export const abriPeople: Person[] = [
  { nom: 'Durand', prenom: 'Paul', sexe: 'homme', birth: '1980-05-20', story: v(2), visitDaysAgo: 4 },
  { nom: 'Leroy', prenom: 'Isabelle', sexe: 'femme', birth: '1975-02-28', story: { kind: 'instruction', createdDaysAgo: 6 } },
  { nom: 'Ndiaye', prenom: 'Cheikh', sexe: 'homme', birth: '1988-10-14', language: 'Wolof', story: v(5), mail: { courrier: 1, daysAgo: 2 } },
  { nom: 'Garcia', prenom: 'Elena', sexe: 'femme', birth: '1991-07-04', story: { kind: 'radie', startMonthsAgo: 8, radiatedDaysAgo: 20, motif: 'plus_de_lien_avec_la_commune' } },
];

const DAY = 86_400_000;

type Staff = { instructeur: string; gestionnaire: string; facteur: string };
type DecisionRow = Omit<Insertable<DecisionsTable>, 'structure_id' | 'domicilie_id'>;

/** The decisions of a story, oldest first, and when the record was created. */
function decisionsOf(story: Story, now: Date, staff: Staff): { createdAt: Date; decisions: DecisionRow[] } {
  const today = isoDateIn(now, 'Europe/Paris');
  const at = (date: IsoDate) => new Date(Math.min(now.getTime() - 60_000, Date.parse(`${date}T09:30:00Z`)));
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const decision = (status: DomicilieStatus, created_at: Date, extra: Partial<DecisionRow> = {}): DecisionRow => ({
    status, created_at, decided_on: isoDateIn(created_at, 'Europe/Paris'), created_by: status === 'valide' || status === 'refuse' ? staff.gestionnaire : staff.instructeur, ...extra,
  });
  if (story.kind === 'instruction' || story.kind === 'a_valider') {
    const createdAt = ago(story.createdDaysAgo);
    const rows = [decision('instruction', createdAt)];
    if (story.kind === 'a_valider') rows.push(decision('a_valider', new Date(createdAt.getTime() + DAY / 2)));
    return { createdAt, decisions: rows };
  }
  if (story.kind === 'refuse') {
    const createdAt = ago(story.createdDaysAgo);
    const refusal = decision('refuse', ago(story.createdDaysAgo - 10), { motif: story.motif, motif_text: story.text ?? null, orientation_code: story.orientation?.[0] ?? null, orientation: story.orientation?.[1] ?? null });
    return { createdAt, decisions: [decision('instruction', createdAt), refusal] };
  }
  const months = story.startMonthsAgo;
  const start = addDays(addMonths(today, -Math.floor(months)), -Math.round((months % 1) * 30));
  // One year of domiciliation: asked, sent for validation, granted on its first day.
  const year = (first: IsoDate, isRenewal: boolean) => {
    const asked = new Date(at(first).getTime() - 20 * DAY);
    return [
      decision('instruction', asked, { is_renewal: isRenewal }),
      decision('a_valider', new Date(asked.getTime() + 15 * DAY), { is_renewal: isRenewal }),
      decision('valide', at(first), { start_date: first, end_date: defaultEndDate(first), is_renewal: isRenewal }),
    ];
  };
  const rows = story.kind === 'renouvele' ? [...year(addMonths(start, -12), false), ...year(start, true)] : year(start, false);
  const createdAt = rows[0]!.created_at as Date;
  if (story.kind === 'renouvellement') rows.push(decision('instruction', ago(story.renewalDaysAgo), { is_renewal: true }));
  if (story.kind === 'radie') rows.push(decision('radie', ago(story.radiatedDaysAgo), { motif: story.motif, motif_text: story.text ?? null }));
  return { createdAt, decisions: rows };
}

/** Inserts the people of one structure with their decisions, mail and visits (inside the caller's transaction). */
async function seedPeople(trx: Kysely<DB>, structureId: string, people: Person[], staff: Staff, now: Date) {
  const decisionRows: Insertable<DecisionsTable>[] = [];
  const eventRows: (Insertable<CourrierEventsTable> & { id: string })[] = [];
  const itemRows: Insertable<CourrierItemsTable>[] = [];
  const ayantRows: (AyantDroit & { domicilie_id: string })[] = [];
  const entretienRows: (Entretien & { domicilie_id: string; structure_id: string; updated_by: string })[] = [];
  const ids: string[] = [];
  const personRows: (Insertable<DomiciliesTable> & { id: string })[] = [];
  for (const [index, person] of people.entries()) {
    const { createdAt, decisions } = decisionsOf(person.story, now, staff);
    const state = stateAfter(decisions.map((row) => ({ status: row.status, is_renewal: row.is_renewal ?? false, start_date: row.start_date ?? null, end_date: row.end_date ?? null })));
    const mail = person.mail;
    const id = randomUUID();
    personRows.push({
      id,
      structure_id: structureId, dossier_number: index + 1, nom: person.nom, prenom: person.prenom, surnom: person.surnom ?? null,
      sexe: person.sexe, birth_date: person.birth, birth_place: person.place ?? null, nationality: person.nationality ?? null,
      language: person.language ?? null, phone: person.phone ?? null, email: null,
      status: state.status, start_date: state.start_date, end_date: state.end_date,
      waiting_courrier: mail?.courrier ?? 0, waiting_colis: mail?.colis ?? 0, waiting_avis_passage: mail?.avis_passage ?? 0,
      created_by: staff.instructeur, created_at: createdAt, updated_at: createdAt,
    });
    ids.push(id);
    for (const row of decisions) decisionRows.push({ ...row, structure_id: structureId, domicilie_id: id });
    for (const [nom, prenom, birth_date, lien] of person.ayantsDroit ?? []) ayantRows.push({ domicilie_id: id, nom, prenom, birth_date, lien });
    if (person.entretien) entretienRows.push({ ...emptyEntretien(), ...person.entretien, domicilie_id: id, structure_id: structureId, updated_by: staff.instructeur });
    const common = { structure_id: structureId, domicilie_id: id, created_by: staff.facteur };
    if (mail) {
      const received = new Date(now.getTime() - mail.daysAgo * DAY - 3_600_000);
      const eventId = randomUUID();
      eventRows.push({ ...common, id: eventId, kind: 'reception', courrier: mail.courrier ?? 0, colis: mail.colis ?? 0, avis_passage: mail.avis_passage ?? 0, comment: mail.comment ?? null, created_at: received });
      for (const type of ['courrier', 'colis', 'avis_passage'] as const) {
        const quantity = mail[type] ?? 0;
        if (quantity > 0) itemRows.push({ structure_id: structureId, domicilie_id: id, reception_event_id: eventId, type, quantity, comment: mail.comment ?? null, received_at: received });
      }
    }
    if (person.visitDaysAgo !== undefined) {
      eventRows.push({ ...common, id: randomUUID(), kind: 'visit', created_at: new Date(now.getTime() - person.visitDaysAgo * DAY - 7_200_000) });
    }
  }
  await trx.insertInto('domicilies').values(personRows).execute();
  await trx.insertInto('decisions').values(decisionRows).execute();
  if (ayantRows.length) await trx.insertInto('ayants_droit').values(ayantRows).execute();
  if (entretienRows.length) await trx.insertInto('entretiens').values(entretienRows).execute();
  if (eventRows.length) await trx.insertInto('courrier_events').values(eventRows).execute();
  if (itemRows.length) await trx.insertInto('courrier_items').values(itemRows).execute();
  await trx.updateTable('structures').set({ last_dossier_number: people.length }).where('id', '=', structureId).execute();
  for (const id of ids) await recomputeLastVisit(trx, id);
}

/** The demo domiciliés of both demo structures, in one transaction. */
export async function seedDemoDomicilies(db: Kysely<DB>, ids: { demo: string; abri: string; staff: Record<string, string> }, now = new Date()) {
  const demoStaff: Staff = { instructeur: ids.staff['instructeur@demo.test']!, gestionnaire: ids.staff['gestionnaire@demo.test']!, facteur: ids.staff['facteur@demo.test']! };
  const abriAdmin = ids.staff['admin@abri.test']!;
  await db.transaction().execute(async (trx) => {
    await seedPeople(trx, ids.demo, demoPeople, demoStaff, now);
    await seedPeople(trx, ids.abri, abriPeople, { instructeur: abriAdmin, gestionnaire: abriAdmin, facteur: abriAdmin }, now);
  });
}
