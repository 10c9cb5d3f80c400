import type { DomicilieStatus } from '../../db/schema.ts';
import type { IsoDate } from '../../shared/dates.ts';
import type { Lien } from '../domicilies/identity-input.ts';
import type { Entretien } from '../entretien/entretien-fields.ts';

/**
 * The spreadsheet layout structures already hold their files in (the template of the system
 * most of them use today, ../shared/docs/official-and-switching.md): one person a row from the
 * second row, columns A → AZ in this order. The import reads it and the export writes it, so
 * that an export imports back unchanged.
 */
export const templateColumns = [
  { key: 'id', header: 'ID' },
  { key: 'civilite', header: 'Civilité' },
  { key: 'nom', header: 'Nom de naissance' },
  { key: 'prenom', header: 'Prénom' },
  { key: 'surnom', header: "Nom d'usage / Surnom" },
  { key: 'date_naissance', header: 'Date de naissance' },
  { key: 'lieu_naissance', header: 'Lieu de naissance' },
  { key: 'telephone', header: 'Numéro de téléphone' },
  { key: 'email', header: 'Adresse e-mail' },
  { key: 'statut', header: 'Statut de la domiciliation' },
  { key: 'motif_refus', header: 'Motif du refus' },
  { key: 'motif_radiation', header: 'Motif de radiation' },
  { key: 'type', header: 'Type de domiciliation' },
  { key: 'date_debut', header: 'Date de début de la domiciliation actuelle' },
  { key: 'date_fin', header: 'Date de fin de la domiciliation actuelle, de radiation ou de refus' },
  { key: 'date_premiere_domiciliation', header: 'Date de première domiciliation' },
  { key: 'date_dernier_passage', header: 'Date de dernier passage' },
  { key: 'orientation', header: 'La personne a-t-elle été orientée ?' },
  { key: 'orientation_par', header: 'Orientée par quelle structure ou personne' },
  { key: 'domiciliation_existante', header: 'A-t-elle déjà une domiciliation ?' },
  { key: 'situation_pro', header: 'Situation professionnelle' },
  { key: 'situation_pro_autre', header: 'Si autre situation pro' },
  { key: 'revenus', header: 'A-t-elle des revenus ?' },
  { key: 'revenus_nature', header: 'De quelle nature' },
  { key: 'lien_commune', header: 'Lien avec la commune' },
  { key: 'lien_commune_autre', header: 'Si autre lien' },
  { key: 'composition_menage', header: 'Composition du ménage' },
  { key: 'situation_residentielle', header: 'Situation résidentielle' },
  { key: 'situation_residentielle_autre', header: 'Si autre situation résidentielle' },
  { key: 'cause_instabilite', header: "Cause de l'instabilité du logement" },
  { key: 'cause_instabilite_autre', header: 'Si autre cause' },
  { key: 'motif_demande', header: 'Motif principal de la demande' },
  { key: 'motif_demande_autre', header: 'Si autre motif' },
  { key: 'accompagnement', header: 'Accompagnement social' },
  { key: 'accompagnement_par', header: 'Par quelle structure' },
  { key: 'commentaires', header: 'Commentaires' },
  ...[1, 2, 3, 4].flatMap((rank) => [
    { key: `ayant_droit_${rank}_nom`, header: `Ayant droit ${rank} : nom` },
    { key: `ayant_droit_${rank}_prenom`, header: `Ayant droit ${rank} : prénom` },
    { key: `ayant_droit_${rank}_date_naissance`, header: `Ayant droit ${rank} : date de naissance` },
    { key: `ayant_droit_${rank}_lien`, header: `Ayant droit ${rank} : lien de parenté` },
  ]),
] as const;

export type TemplateColumnKey = (typeof templateColumns)[number]['key'];

/** The template holds four ayants droit a row; a record may hold more (the export says so). */
export const TEMPLATE_AYANTS_DROIT = 4;

/** The column's letters as a spreadsheet names them: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  const first = Math.floor(index / 26);
  return (first > 0 ? String.fromCharCode(64 + first) : '') + String.fromCharCode(65 + (index % 26));
}

/** Both ways between the template's codes and the application's values. */
function codeMap<const C extends string, const V>(pairs: readonly (readonly [C, V])[]) {
  return {
    codes: pairs.map(([code]) => code),
    fromCode: new Map<string, V>(pairs.map(([code, value]) => [code, value])),
    toCode: new Map<V, C>(pairs.map(([code, value]) => [value, code])),
  };
}

export const statusCodes = codeMap([
  ['VALIDE', 'valide'],
  ['RADIE', 'radie'],
  ['REFUS', 'refuse'],
  ['INSTRUCTION', 'instruction'],
  ['ATTENTE_DECISION', 'a_valider'],
] as const satisfies readonly (readonly [string, DomicilieStatus])[]);

export const refusalMotifCodes = codeMap([
  ['HORS_AGREMENT', 'hors_agrement'],
  ['LIEN_COMMUNE', 'pas_de_lien_avec_la_commune'],
  ['SATURATION', 'saturation'],
  ['AUTRE', 'autre'],
] as const);

export const radiationMotifCodes = codeMap([
  ['A_SA_DEMANDE', 'a_sa_demande'],
  ['ENTREE_LOGEMENT', 'entree_dans_un_logement'],
  ['FIN_DE_DOMICILIATION', 'fin_de_domiciliation'],
  ['NON_MANIFESTATION_3_MOIS', 'non_manifestation_depuis_plus_de_3_mois'],
  ['NON_RESPECT_REGLEMENT', 'non_respect_du_reglement'],
  ['PLUS_DE_LIEN_COMMUNE', 'plus_de_lien_avec_la_commune'],
  ['AUTRE', 'autre'],
] as const);

export const lienCodes = codeMap([
  ['CONJOINT', 'conjoint'],
  ['ENFANT', 'enfant'],
  ['PARENT', 'parent'],
  ['AUTRE', 'autre'],
] as const satisfies readonly (readonly [string, Lien])[]);

/** H / F: the record's other sexes have no code in the template, and leave the cell empty. */
export const civiliteCodes = codeMap([
  ['H', 'homme'],
  ['F', 'femme'],
] as const);

export const requestKindCodes = codeMap([
  ['PREMIERE', false],
  ['RENOUVELLEMENT', true],
] as const);

export const yesNoCodes = codeMap([
  ['OUI', true],
  ['NON', false],
] as const);

/**
 * One row of the template as the application understands it: what the import writes and the
 * export reads back. `line` is the row's number in the sheet (the first person is line 2).
 */
export type TemplateRow = {
  line: number;
  /** Column A, the structure's own number for the person; kept and searchable (`custom_ref`). */
  externalId: string | null;
  sexe: 'femme' | 'homme' | null;
  nom: string;
  prenom: string;
  surnom: string | null;
  birthDate: IsoDate;
  birthPlace: string | null;
  phone: string | null;
  email: string | null;
  status: DomicilieStatus;
  /** The application's motif code (refusalMotifs or radiationMotifs), for a refus or a radiation. */
  motif: string | null;
  isRenewal: boolean;
  /** Column N: the current domiciliation's first day (valide, radié). */
  startDate: IsoDate | null;
  /** Column O: its last day when valide, the radiation's day when radié, the refusal's day when refusé. */
  endDate: IsoDate | null;
  firstDomiciliation: IsoDate | null;
  lastVisit: IsoDate | null;
  entretien: Entretien;
  ayantsDroit: { nom: string; prenom: string; birthDate: IsoDate | null; lien: Lien }[];
};
