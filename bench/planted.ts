import { createHash } from 'node:crypto';

/** The same deterministic ids as the SQL function bench.uid(kind, i): md5(seed:kind:i) read as a uuid. */
export function benchUid(seed: number, kind: string, index: number): string {
  const hex = createHash('md5').update(`${seed}:${kind}:${index}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Known people whose answers are checked. They take the first dossier numbers of their
 * structure and get no random mail, so what the checks expect stays exact.
 */
export type PlantedPerson = {
  key: string;
  /** 0 = the measured structure, 1 = the other structure holding look-alikes. */
  structure: 0 | 1;
  dossier: number;
  nom: string;
  prenom: string;
  sexe: 'femme' | 'homme';
  birthDate: string;
  /** Start of the current valid domiciliation, in days before the dataset's reference day. */
  startDaysAgo: number;
  /** A visit recorded that many days ago (none when null). */
  visitDaysAgo: number | null;
  waiting: { courrier: number; colis: number };
  portalAccount: boolean;
};

const base = { sexe: 'femme', startDaysAgo: 60, visitDaysAgo: 12, waiting: { courrier: 0, colis: 0 }, portalAccount: false } as const;

export const plantedPeople: PlantedPerson[] = [
  { ...base, key: 'lefevre-anais', structure: 0, dossier: 1, nom: 'Lefèvre', prenom: 'Anaïs', birthDate: '1985-03-14' },
  { ...base, key: 'lefevre-jerome', structure: 0, dossier: 2, nom: 'Lefèvre-Quéré', prenom: 'Jérôme', sexe: 'homme', birthDate: '1972-11-02' },
  { ...base, key: 'ngoma', structure: 0, dossier: 3, nom: 'Ngoma', prenom: 'Bénédicte', birthDate: '1984-02-29' },
  // Last seen when the current domiciliation started, 150 days ago: "dernier passage depuis plus de 3 mois".
  { ...base, key: 'quemener-old', structure: 0, dossier: 4, nom: 'Quéméner', prenom: 'Yannick', sexe: 'homme', birthDate: '1969-06-21', startDaysAgo: 150, visitDaysAgo: null },
  { ...base, key: 'quemener-recent', structure: 0, dossier: 5, nom: 'Quéméner', prenom: 'Maëlle', birthDate: '1990-09-09', startDaysAgo: 150, visitDaysAgo: 10 },
  { ...base, key: 'portal', structure: 0, dossier: 6, nom: 'Ouédraogo', prenom: 'Salimata', birthDate: '1979-01-23', waiting: { courrier: 2, colis: 1 }, portalAccount: true },
  { ...base, key: 'mail-check', structure: 0, dossier: 7, nom: 'Rakotomalala', prenom: 'Hery', sexe: 'homme', birthDate: '1988-05-30' },
  { ...base, key: 'word-check', structure: 0, dossier: 8, nom: 'Wiśniewska', prenom: 'Agnieszka', birthDate: '1993-12-01' },
  // Look-alikes in another structure: they must never appear in the measured structure's answers.
  { ...base, key: 'decoy-lefevre', structure: 1, dossier: 1, nom: 'Lefèvre', prenom: 'Zéphyrine', birthDate: '1985-03-14' },
  { ...base, key: 'decoy-quemener', structure: 1, dossier: 2, nom: 'Quéméner', prenom: 'Zéphirin', sexe: 'homme', birthDate: '1969-06-21', startDaysAgo: 150, visitDaysAgo: null },
  { ...base, key: 'decoy-ngoma', structure: 1, dossier: 3, nom: 'Ngoma', prenom: 'Zéphyrine', birthDate: '1984-02-29' },
];

/** Dossier numbers below this one are planted, in every structure: random mail never targets them. */
export const PLANTED_DOSSIERS = 20;

export const BENCH_STAFF_PASSWORD = 'Banc-Essai-Agent-2026';
export const BENCH_PORTAL_PASSWORD = 'Banc-Essai-Portail-2026';

/** The measured structure's gestionnaire, who runs every staff request of the benchmark. */
export const benchStaffEmail = (structure: number, agent: number) => `agent${agent}.s${structure}@bench.test`;
export const MAIN_GESTIONNAIRE = benchStaffEmail(0, 2);
