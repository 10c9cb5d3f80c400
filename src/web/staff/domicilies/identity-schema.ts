import { ayantDroitField, MAX_AYANTS_DROIT } from '../../../domain/domicilies/identity-input.ts';
import { text } from '../../shared/forms.ts';

/** JSON-schema properties of the identity form (lengths only; the meaning is checked below). */
export const identitySchemaFields: Record<string, object> = {
  nom: text(100), prenom: text(100), surnom: text(100), sexe: text(10), date_naissance: text(10), lieu_naissance: text(100),
  nationalite: text(100), langue: text(100), telephone: text(30), email: text(254), reference: text(50),
  ...Object.fromEntries(
    Array.from({ length: MAX_AYANTS_DROIT }, (_, index) => [
      [ayantDroitField(index, 'nom'), text(100)],
      [ayantDroitField(index, 'prenom'), text(100)],
      [ayantDroitField(index, 'date_naissance'), text(10)],
      [ayantDroitField(index, 'lien'), text(10)],
    ]).flat(),
  ),
};
