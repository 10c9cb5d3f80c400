import { ayantDroitField, identityMaxLengths as max, MAX_AYANTS_DROIT } from '../../../domain/domicilies/identity-input.ts';
import { text } from '../../shared/forms.ts';

/** JSON-schema properties of the identity form (lengths only; the meaning is checked below). */
export const identitySchemaFields: Record<string, object> = {
  nom: text(max.nom), prenom: text(max.prenom), surnom: text(max.surnom), sexe: text(10), date_naissance: text(10), lieu_naissance: text(max.lieu_naissance),
  nationalite: text(max.nationalite), langue: text(max.langue), telephone: text(max.telephone), email: text(max.email), reference: text(max.reference),
  avis_email: text(3), avis_sms: text(3),
  ...Object.fromEntries(
    Array.from({ length: MAX_AYANTS_DROIT }, (_, index) => [
      [ayantDroitField(index, 'nom'), text(max.nom)],
      [ayantDroitField(index, 'prenom'), text(max.prenom)],
      [ayantDroitField(index, 'date_naissance'), text(10)],
      [ayantDroitField(index, 'lien'), text(10)],
    ]).flat(),
  ),
};
