import type { AyantsDroitTable, DomiciliesTable } from '../../db/schema.ts';
import { parseDate, type IsoDate } from '../../shared/dates.ts';
import { InvalidInput } from '../../shared/errors.ts';

/** Rows of ayants droit a form offers; a family larger than this is rare at a reception desk. */
export const MAX_AYANTS_DROIT = 8;

export const sexeLabels = { femme: 'Femme', homme: 'Homme', autre: 'Autre' } as const;
export const lienLabels = { conjoint: 'Conjoint ou conjointe', enfant: 'Enfant', parent: 'Parent', autre: 'Autre lien' } as const;

export type Sexe = keyof typeof sexeLabels;
export type Lien = keyof typeof lienLabels;

/** The identity form as posted: French field names, every value a string. */
export type IdentityForm = Record<string, string | undefined>;

export type Identity = Pick<
  DomiciliesTable,
  'nom' | 'prenom' | 'surnom' | 'sexe' | 'birth_date' | 'birth_place' | 'nationality' | 'language' | 'phone' | 'email' | 'custom_ref'
>;
export type AyantDroit = { nom: string; prenom: string; birth_date: IsoDate | null; lien: AyantsDroitTable['lien'] };

export const ayantDroitField = (index: number, part: 'nom' | 'prenom' | 'date_naissance' | 'lien') => `ayant_droit_${index}_${part}`;

const clean = (value: string | undefined) => (value ?? '').trim().replace(/\s+/g, ' ');
const orNull = (value: string) => value || null;

function birthDate(value: string | undefined, errors: Record<string, string>, field: string, required: boolean, today: IsoDate): IsoDate | null {
  const parsed = parseDate(value);
  if (parsed === null) {
    if (required) errors[field] = 'Indiquez la date de naissance au format jj/mm/aaaa, par exemple 14/03/1985.';
    return null;
  }
  if (parsed === undefined) {
    errors[field] = "La date de naissance n'est pas une date valide : utilisez le format jj/mm/aaaa, par exemple 14/03/1985.";
    return null;
  }
  if (parsed > today) errors[field] = 'La date de naissance ne peut pas être dans le futur.';
  return parsed;
}

function ayantsDroit(form: IdentityForm, errors: Record<string, string>, today: IsoDate): AyantDroit[] {
  const rows: AyantDroit[] = [];
  for (let index = 0; index < MAX_AYANTS_DROIT; index++) {
    const nom = clean(form[ayantDroitField(index, 'nom')]);
    const prenom = clean(form[ayantDroitField(index, 'prenom')]);
    const date = clean(form[ayantDroitField(index, 'date_naissance')]);
    if (!nom && !prenom && !date) continue;
    const rank = `ayant droit n° ${index + 1}`;
    if (!nom) errors[ayantDroitField(index, 'nom')] = `Indiquez le nom de l'${rank}.`;
    if (!prenom) errors[ayantDroitField(index, 'prenom')] = `Indiquez le prénom de l'${rank}.`;
    const lien = form[ayantDroitField(index, 'lien')] ?? '';
    if (!Object.hasOwn(lienLabels, lien)) errors[ayantDroitField(index, 'lien')] = `Choisissez le lien de l'${rank} avec le domicilié.`;
    const birth = birthDate(date, errors, ayantDroitField(index, 'date_naissance'), false, today);
    rows.push({ nom, prenom, birth_date: birth, lien: lien as Lien });
  }
  return rows;
}

/** Checks the identity form (`today` in the structure's time zone); throws InvalidInput with one French message per field. */
export function parseIdentity(form: IdentityForm, today: IsoDate): { identity: Identity; ayantsDroit: AyantDroit[] } {
  const errors: Record<string, string> = {};
  const nom = clean(form.nom);
  const prenom = clean(form.prenom);
  if (!nom) errors.nom = 'Indiquez le nom.';
  if (!prenom) errors.prenom = 'Indiquez le prénom.';
  const birth = birthDate(form.date_naissance, errors, 'date_naissance', true, today);
  const sexe = clean(form.sexe);
  if (sexe && !Object.hasOwn(sexeLabels, sexe)) errors.sexe = 'Choisissez le sexe dans la liste.';
  const email = clean(form.email).toLowerCase();
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = 'Indiquez une adresse e-mail valide, par exemple nom@exemple.fr.';
  const phone = clean(form.telephone);
  if (phone && !/^[+\d][\d .-]{7,19}$/.test(phone)) errors.telephone = 'Indiquez un numéro de téléphone valide, par exemple 06 12 34 56 78.';
  const rows = ayantsDroit(form, errors, today);
  if (Object.keys(errors).length > 0) throw new InvalidInput(errors);
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
  };
}
