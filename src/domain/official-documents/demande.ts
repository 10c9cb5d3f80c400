import type { IsoDate } from '../../shared/dates.ts';
import { ayantsDroitLines, type AyantDroit } from './ayants-droit-lines.ts';
import { decisionNoticeFields, DEMANDE_FORM_FILE, demandeFields as fields, requestKindChoice, sexeChoice } from './demande-layout.ts';
import { FormFilling, type PdfParts } from './form-filling.ts';
import type { FormStructure } from './form-structure.ts';
import { preparedForm } from './prepared-form.ts';

export type DemandeData = {
  person: {
    sexe: 'femme' | 'homme' | 'autre' | null;
    nom: string;
    prenom: string;
    birthDate: IsoDate;
    birthPlace: string | null;
    phone: string | null;
    email: string | null;
  };
  ayantsDroit: AyantDroit[];
  /** The number the structure gives the record: the form's « numéro d'usager ». */
  numeroUsager: string;
  renewal: boolean;
  structure: FormStructure;
};

/**
 * The official « Demande d'élection de domicile » (CERFA n° 16029*01) pre-filled at instruction
 * with what the record and the structure hold, on both pages; what the person and the structure
 * complete by hand (the dates, « Fait à », the signatures and stamp, the interview, the decision)
 * stays blank on paper. Nothing is left fillable: the form is printed (decision 0029).
 */
export async function fillDemande(data: DemandeData): Promise<PdfParts> {
  const filling = new FormFilling(await preparedForm(DEMANDE_FORM_FILE));
  const { person, structure } = data;
  const sexe = person.sexe === 'femme' || person.sexe === 'homme' ? sexeChoice[person.sexe] : null;
  const agrement = structure.type === 'association' ? structure.agrement : null;

  for (const page of [fields, decisionNoticeFields]) {
    if (sexe) filling.choose(page.sexe, sexe);
    filling.fillLine(page.noms, person.nom);
    filling.fillLine(page.prenoms, person.prenom);
    filling.fillDate([page.birthDay, page.birthMonth, page.birthYear], person.birthDate);
    filling.fillLine(page.birthPlace, person.birthPlace ?? '');
    filling.fillLine(page.structureName, structure.name);
    filling.fillLine(page.prefecture, agrement?.prefecture ?? '');
  }
  const ayants = filling.field(fields.ayantsDroit);
  const family = ayantsDroitLines(filling.font, ayants, data.ayantsDroit);
  filling.lines(ayants, family.lines, family.size);
  filling.fillLine(fields.phone, person.phone ?? '');
  filling.fillLine(fields.email, person.email ?? '');
  filling.choose(fields.requestKind, data.renewal ? requestKindChoice.renewal : requestKindChoice.first);
  filling.fillLine(fields.numeroUsager, data.numeroUsager);

  const { responsable } = structure;
  filling.fillLine(fields.responsable, `${responsable.prenom} ${responsable.nom}, ${responsable.fonction}`);
  filling.fillLine(fields.structureAddress, structure.addressLines.join(', '));
  filling.fillLine(fields.structureEmail, structure.email ?? '');
  filling.fillLine(fields.structurePhone, structure.phone ?? '');
  filling.fillLine(decisionNoticeFields.agrement, agrement?.numero ?? '');
  return filling.pdf();
}
