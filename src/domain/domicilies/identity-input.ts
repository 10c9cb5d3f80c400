import type { AyantsDroitTable, DomiciliesTable } from '../../db/schema.ts';
import { parseDate, type IsoDate } from '../../shared/dates.ts';
import { InvalidInput } from '../../shared/errors.ts';

/** Rows of ayants droit a form offers; a family larger than this is rare at a reception desk. */
export const MAX_AYANTS_DROIT = 8;

export const sexeLabels = { femme: 'Femme', homme: 'Homme', autre: 'Autre' } as const;
export const lienLabels = { conjoint: 'Conjoint ou conjointe', enfant: 'Enfant', parent: 'Parent', autre: 'Autre lien' } as const;

/** The longest text each identity field keeps: the form's fields and the import alike. */
export const identityMaxLengths = { nom: 100, prenom: 100, surnom: 100, lieu_naissance: 100, nationalite: 100, langue: 100, telephone: 30, email: 254, reference: 50 } as const;

/** What an e-mail address and a phone number must look like, in the form and the import. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const PHONE_PATTERN = /^[+\d][\d .-]{7,19}$/;

export type Sexe = keyof typeof sexeLabels;
export type Lien = keyof typeof lienLabels;

/**
 * What is wrong with the identity form; the staff dictionary words it (decision 0027). `rang`
 * is the ayant droit's number as the form shows it, from 1.
 */
export type IdentityProblem =
  | { code: 'nom_manquant' }
  | { code: 'prenom_manquant' }
  | { code: 'date_naissance_manquante' }
  | { code: 'date_naissance_invalide' }
  | { code: 'date_naissance_future' }
  | { code: 'sexe_inconnu' }
  | { code: 'email_invalide' }
  | { code: 'telephone_invalide' }
  | { code: 'ayant_droit_nom_manquant'; rang: number }
  | { code: 'ayant_droit_prenom_manquant'; rang: number }
  | { code: 'ayant_droit_lien_manquant'; rang: number }
  | { code: 'avis_email_sans_adresse' }
  | { code: 'avis_sms_sans_mobile' };

type Errors = Record<string, IdentityProblem>;

/** The identity form as posted: French field names, every value a string. */
export type IdentityForm = Record<string, string | undefined>;

export type Identity = Pick<
  DomiciliesTable,
  'nom' | 'prenom' | 'surnom' | 'sexe' | 'birth_date' | 'birth_place' | 'nationality' | 'language' | 'phone' | 'email' | 'custom_ref'
>;
export type AyantDroit = { nom: string; prenom: string; birth_date: IsoDate | null; lien: AyantsDroitTable['lien'] };

/** The person's consent to be told of new mail, as the « Avis de courrier » checkboxes give it. */
export type NoticeConsent = { email: boolean; sms: boolean };

/**
 * A number an SMS can reach: a French mobile (06, 07, also written +33 6 or 0033 7), or a
 * foreign number in international form, whose kind cannot be told from its digits.
 */
export function isMobileNumber(phone: string): boolean {
  const compact = phone.replace(/[ .-]/g, '');
  const french = /^(?:\+33|0033)(\d{9})$/.exec(compact);
  if (french) return /^[67]/.test(french[1]!);
  if (/^0\d{9}$/.test(compact)) return /^0[67]/.test(compact);
  return /^\+\d{8,15}$/.test(compact);
}

export const ayantDroitField = (index: number, part: 'nom' | 'prenom' | 'date_naissance' | 'lien') => `ayant_droit_${index}_${part}`;

const clean = (value: string | undefined) => (value ?? '').trim().replace(/\s+/g, ' ');
const orNull = (value: string) => value || null;

function birthDate(value: string | undefined, errors: Errors, field: string, required: boolean, today: IsoDate): IsoDate | null {
  const parsed = parseDate(value);
  if (parsed === null) {
    if (required) errors[field] = { code: 'date_naissance_manquante' };
    return null;
  }
  if (parsed === undefined) {
    errors[field] = { code: 'date_naissance_invalide' };
    return null;
  }
  if (parsed > today) errors[field] = { code: 'date_naissance_future' };
  return parsed;
}

function ayantsDroit(form: IdentityForm, errors: Errors, today: IsoDate): AyantDroit[] {
  const rows: AyantDroit[] = [];
  for (let index = 0; index < MAX_AYANTS_DROIT; index++) {
    const nom = clean(form[ayantDroitField(index, 'nom')]);
    const prenom = clean(form[ayantDroitField(index, 'prenom')]);
    const date = clean(form[ayantDroitField(index, 'date_naissance')]);
    if (!nom && !prenom && !date) continue;
    const rang = index + 1;
    if (!nom) errors[ayantDroitField(index, 'nom')] = { code: 'ayant_droit_nom_manquant', rang };
    if (!prenom) errors[ayantDroitField(index, 'prenom')] = { code: 'ayant_droit_prenom_manquant', rang };
    const lien = form[ayantDroitField(index, 'lien')] ?? '';
    if (!Object.hasOwn(lienLabels, lien)) errors[ayantDroitField(index, 'lien')] = { code: 'ayant_droit_lien_manquant', rang };
    const birth = birthDate(date, errors, ayantDroitField(index, 'date_naissance'), false, today);
    rows.push({ nom, prenom, birth_date: birth, lien: lien as Lien });
  }
  return rows;
}

/** Checks the identity form (`today` in the structure's time zone); throws InvalidInput with one problem per field. */
export function parseIdentity(form: IdentityForm, today: IsoDate): { identity: Identity; ayantsDroit: AyantDroit[]; consent: NoticeConsent } {
  const errors: Errors = {};
  const nom = clean(form.nom);
  const prenom = clean(form.prenom);
  if (!nom) errors.nom = { code: 'nom_manquant' };
  if (!prenom) errors.prenom = { code: 'prenom_manquant' };
  const birth = birthDate(form.date_naissance, errors, 'date_naissance', true, today);
  const sexe = clean(form.sexe);
  if (sexe && !Object.hasOwn(sexeLabels, sexe)) errors.sexe = { code: 'sexe_inconnu' };
  const email = clean(form.email).toLowerCase();
  if (email && !EMAIL_PATTERN.test(email)) errors.email = { code: 'email_invalide' };
  const phone = clean(form.telephone);
  if (phone && !PHONE_PATTERN.test(phone)) errors.telephone = { code: 'telephone_invalide' };
  const consent = { email: form.avis_email === 'oui', sms: form.avis_sms === 'oui' };
  // The consent needs its address in the same form: a notice must have somewhere to go.
  if (consent.email && !email && !errors.email) errors.email = { code: 'avis_email_sans_adresse' };
  if (consent.sms && !errors.telephone && !(phone && isMobileNumber(phone))) errors.telephone = { code: 'avis_sms_sans_mobile' };
  const rows = ayantsDroit(form, errors, today);
  if (Object.keys(errors).length > 0) throw new InvalidInput<IdentityProblem>(errors);
  return {
    identity: {
      nom,
      prenom,
      surnom: orNull(clean(form.surnom)),
      sexe: (sexe || null) as Sexe | null,
      birth_date: birth!,
      birth_place: orNull(clean(form.lieu_naissance)),
      nationality: orNull(clean(form.nationalite)),
      language: orNull(clean(form.langue)),
      phone: orNull(phone),
      email: orNull(email),
      custom_ref: orNull(clean(form.reference)),
    },
    ayantsDroit: rows,
    consent,
  };
}
