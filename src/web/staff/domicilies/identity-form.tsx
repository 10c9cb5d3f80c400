import { formatDate } from '../../../shared/dates.ts';
import { DateField, Field, SelectField } from '../../shared/components.tsx';
import type { AyantDroitRow, Dossier } from '../../../domain/domicilies/domicilies.service.ts';
import { ayantDroitField, lienLabels, MAX_AYANTS_DROIT, sexeLabels, type IdentityForm } from '../../../domain/domicilies/identity-input.ts';
import { NoticeConsentFields, type Sending, type StoredConsent } from './notice-consent.tsx';

const sexeOptions = [{ value: '', label: 'Non renseigné' }, ...Object.entries(sexeLabels).map(([value, label]) => ({ value, label }))];
const lienOptions = [{ value: '', label: 'Choisissez le lien' }, ...Object.entries(lienLabels).map(([value, label]) => ({ value, label }))];

/** The stored record as the form's values (dates as staff type them). */
export function identityFormValues(domicilie: Dossier, ayantsDroit: AyantDroitRow[]): IdentityForm {
  const values: IdentityForm = {
    nom: domicilie.nom,
    prenom: domicilie.prenom,
    surnom: domicilie.surnom ?? '',
    sexe: domicilie.sexe ?? '',
    date_naissance: formatDate(domicilie.birth_date),
    lieu_naissance: domicilie.birth_place ?? '',
    nationalite: domicilie.nationality ?? '',
    langue: domicilie.language ?? '',
    telephone: domicilie.phone ?? '',
    email: domicilie.email ?? '',
    reference: domicilie.custom_ref ?? '',
    avis_email: domicilie.notify_email_consent_at ? 'oui' : '',
    avis_sms: domicilie.notify_sms_consent_at ? 'oui' : '',
  };
  ayantsDroit.slice(0, MAX_AYANTS_DROIT).forEach((row, index) => {
    values[ayantDroitField(index, 'nom')] = row.nom;
    values[ayantDroitField(index, 'prenom')] = row.prenom;
    values[ayantDroitField(index, 'date_naissance')] = formatDate(row.birth_date);
    values[ayantDroitField(index, 'lien')] = row.lien;
  });
  return values;
}

/** How many ayant droit rows to show: those filled in, plus two empty ones. */
export function ayantDroitRowCount(values: IdentityForm): number {
  let filled = 0;
  for (let index = 0; index < MAX_AYANTS_DROIT; index++) {
    if (values[ayantDroitField(index, 'nom')] || values[ayantDroitField(index, 'prenom')] || values[ayantDroitField(index, 'date_naissance')]) filled = index + 1;
  }
  return Math.min(MAX_AYANTS_DROIT, filled + 2);
}

/** Identity, contact and ayants droit: the same fields to create and to edit a record. */
export function IdentityFields({ values, errors, sending, stored }: { values: IdentityForm; errors?: Record<string, string>; sending: Sending; stored?: StoredConsent }) {
  const field = (name: string, label: string, extra: Partial<Parameters<typeof Field>[0]> = {}) => (
    <Field name={name} label={label} value={values[name]} error={errors?.[name]} maxLength={100} {...extra} />
  );
  const rows = ayantDroitRowCount(values);
  return (
    <>
      <fieldset>
        <legend>Identité</legend>
        {field('nom', 'Nom', { required: true, autocomplete: 'off' })}
        {field('prenom', 'Prénom', { required: true, autocomplete: 'off' })}
        {field('surnom', "Nom d'usage ou surnom")}
        <SelectField name="sexe" label="Sexe" options={sexeOptions} value={values.sexe} error={errors?.sexe} />
        <DateField name="date_naissance" label="Date de naissance" required value={values.date_naissance} error={errors?.date_naissance} />
        {field('lieu_naissance', 'Lieu de naissance')}
        {field('nationalite', 'Nationalité')}
        {field('langue', 'Langue parlée', { hint: 'Par exemple : français, arabe, roumain.' })}
        {field('reference', 'Référence personnalisée', { hint: 'Si votre structure donne sa propre référence aux dossiers.', maxLength: 50 })}
      </fieldset>
      <fieldset>
        <legend>Contact</legend>
        {field('telephone', 'Téléphone', { type: 'tel', maxLength: 30 })}
        {field('email', 'Adresse e-mail', { type: 'email', maxLength: 254 })}
      </fieldset>
      <NoticeConsentFields values={values} sending={sending} stored={stored} />
      <h2>Ayants droit</h2>
      <p class="hint">Conjoint, enfants ou autres personnes rattachées au dossier. Laissez les lignes vides si la personne n'en a pas.</p>
      {Array.from({ length: rows }, (_, index) => (
        <fieldset key={index}>
          <legend>Ayant droit n° {index + 1}</legend>
          {field(ayantDroitField(index, 'nom'), 'Nom')}
          {field(ayantDroitField(index, 'prenom'), 'Prénom')}
          <DateField name={ayantDroitField(index, 'date_naissance')} label="Date de naissance" value={values[ayantDroitField(index, 'date_naissance')]} error={errors?.[ayantDroitField(index, 'date_naissance')]} />
          <SelectField
            name={ayantDroitField(index, 'lien')}
            label="Lien avec le domicilié"
            options={lienOptions}
            value={values[ayantDroitField(index, 'lien')]}
            error={errors?.[ayantDroitField(index, 'lien')]}
          />
        </fieldset>
      ))}
    </>
  );
}
