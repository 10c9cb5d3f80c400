import type { StructureType } from '../../db/schema.ts';
import { parseDate, type IsoDate } from '../../shared/dates.ts';
import { InvalidInput } from '../../shared/errors.ts';

/**
 * What the official forms print about the structure beyond its name and address (issue 16). Each
 * name is also the id of its control in the « Ma structure » form, so a page can link to it.
 */
export const officialFieldNames = [
  'responsable_nom',
  'responsable_prenom',
  'responsable_fonction',
  'agrement_prefecture',
  'agrement_numero',
  'agrement_fin',
  'commune_arrondissement',
  'postal_address',
] as const;

export type OfficialFieldName = (typeof officialFieldNames)[number];
export type OfficialFields = Record<OfficialFieldName, string | null>;
/** As typed in the form: an absent or blank field empties the value. */
export type OfficialFieldsInput = Partial<Record<OfficialFieldName, string>>;

export type OfficialTextField = Exclude<OfficialFieldName, 'agrement_fin'>;

/** The longest text each field takes: what fits the forms' lines once shrunk, with some room. */
export const officialFieldMaxLengths: Record<OfficialTextField, number> = {
  responsable_nom: 100,
  responsable_prenom: 100,
  responsable_fonction: 100,
  agrement_prefecture: 100,
  agrement_numero: 50,
  commune_arrondissement: 100,
  postal_address: 300,
};

/** A French postal address has at most six lines (the postal standard the envelopes follow). */
export const POSTAL_ADDRESS_MAX_LINES = 6;

const agrementFields = ['agrement_prefecture', 'agrement_numero', 'agrement_fin'] as const;

/** What is wrong with the official fields; the staff dictionary words it (decision 0027). */
export type OfficialFieldsProblem =
  | { code: 'champ_structure_trop_long'; field: OfficialTextField; max: number }
  | { code: 'adresse_postale_trop_de_lignes'; max: number }
  | { code: 'fin_agrement_invalide' }
  | { code: 'agrement_reserve_aux_associations' }
  | { code: 'commune_reservee_aux_ccas_cias' };

/** The agrément belongs to an association; the commune or arrondissement to a CCAS or CIAS. */
export const holdsAgrement = (type: StructureType) => type === 'association';
export const holdsCommuneArrondissement = (type: StructureType) => type === 'ccas' || type === 'cias';

/** Lines trimmed, blank lines dropped: how the address is printed on an envelope. */
function cleanPostalAddress(raw: string | undefined): string {
  return (raw ?? '')
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .join('\n');
}

/** The official fields as stored, or every refused field with its problem. */
export function checkOfficialFields(type: StructureType, input: OfficialFieldsInput): OfficialFields {
  const typed: Record<OfficialFieldName, string> = Object.fromEntries(
    officialFieldNames.map((name) => [name, name === 'postal_address' ? cleanPostalAddress(input[name]) : (input[name] ?? '').trim()]),
  ) as Record<OfficialFieldName, string>;
  const errors: Record<string, OfficialFieldsProblem> = {};
  for (const [field, max] of Object.entries(officialFieldMaxLengths) as [OfficialTextField, number][]) {
    if (typed[field].length > max) errors[field] = { code: 'champ_structure_trop_long', field, max };
  }
  if (!errors.postal_address && typed.postal_address.split('\n').length > POSTAL_ADDRESS_MAX_LINES) {
    errors.postal_address = { code: 'adresse_postale_trop_de_lignes', max: POSTAL_ADDRESS_MAX_LINES };
  }
  const agrementFin: IsoDate | null | undefined = parseDate(typed.agrement_fin);
  if (agrementFin === undefined) errors.agrement_fin = { code: 'fin_agrement_invalide' };
  if (!holdsAgrement(type)) {
    const given = agrementFields.find((field) => typed[field]);
    if (given) errors[given] = { code: 'agrement_reserve_aux_associations' };
  }
  if (!holdsCommuneArrondissement(type) && typed.commune_arrondissement) {
    errors.commune_arrondissement = { code: 'commune_reservee_aux_ccas_cias' };
  }
  if (Object.keys(errors).length > 0) throw new InvalidInput<OfficialFieldsProblem>(errors);
  const stored = Object.fromEntries(officialFieldNames.map((name) => [name, typed[name] || null])) as OfficialFields;
  return { ...stored, agrement_fin: agrementFin ?? null };
}

/** A field the official forms need that the structure has not filled: its control's id in « Ma structure ». */
export type MissingField = { id: OfficialFieldName };

/**
 * What the attestation needs and the structure lacks: the responsable always, and for an
 * association the préfecture and number of its agrément. Empty when the forms can be printed.
 */
export function missingForOfficialForms(structure: Pick<OfficialFields, OfficialFieldName> & { type: StructureType }): MissingField[] {
  const needed: OfficialFieldName[] = ['responsable_nom', 'responsable_prenom', 'responsable_fonction'];
  if (holdsAgrement(structure.type)) needed.push('agrement_prefecture', 'agrement_numero');
  return needed.filter((field) => !structure[field]?.trim()).map((id) => ({ id }));
}
