import type { IsoDate } from '../../shared/dates.ts';
import { ATTESTATION_FORM_FILE, attestationFields as fields, nomsLine, requestKindLine, sexeChoice } from './attestation-layout.ts';
import { ayantsDroitLines, type AyantDroit } from './ayants-droit-lines.ts';
import { FormFilling, type PdfParts } from './form-filling.ts';
import type { FormStructure } from './form-structure.ts';
import type { TextMeasure } from './form-font.ts';
import { preparedForm, type Rect, type TextPlace } from './prepared-form.ts';
import { fitParagraphs, type FittedLines } from './text-fitting.ts';

export type AttestationData = {
  person: { sexe: 'femme' | 'homme' | 'autre' | null; nom: string; prenom: string; birthDate: IsoDate; birthPlace: string | null };
  ayantsDroit: AyantDroit[];
  structure: FormStructure;
  decision: { start: IsoDate; end: IsoDate; decidedOn: IsoDate; firstDomiciliation: IsoDate; renewal: boolean };
};

/** Words printed on the form where it has no field of its own; the form is in French. */
const requestKindWords = { first: '(première demande)', renewal: '(renouvellement)' } as const;

/** Eight ayants droit (what the record holds) with long names stay above this. */
const SMALLEST_SHARED_SIZE = 4;

function postalAddressLines(font: TextMeasure, place: TextPlace, data: AttestationData): FittedLines {
  const paragraphs = [`${data.person.prenom} ${data.person.nom}`, `chez ${data.structure.name}`, ...data.structure.addressLines];
  const fitted = fitParagraphs(font, paragraphs, place.inner, place.size, SMALLEST_SHARED_SIZE);
  if (!fitted) throw new Error('attestation: adresse_trop_longue');
  return fitted;
}

/** Text on a line the form prints without a field, at the size of the fields beside it, shrunk when too long. */
export function writeOnLine(filling: FormFilling, page: number, box: Rect, text: string) {
  filling.fitLine(FormFilling.lineWithoutField(page, box), text);
}

/**
 * The official attestation d'élection de domicile (CERFA n° 16030*01) filled for one valide
 * decision: the form's own page with the values written where its fields are, in an embedded
 * font, nothing left fillable, and the lines the form lacks a field for written at their place
 * (decision 0029).
 */
export async function fillAttestation(data: AttestationData): Promise<PdfParts> {
  const filling = new FormFilling(await preparedForm(ATTESTATION_FORM_FILE));
  const { person, structure, decision } = data;
  const { font } = filling;

  if (person.sexe === 'femme' || person.sexe === 'homme') filling.choose(fields.sexe, sexeChoice[person.sexe]);
  writeOnLine(filling, 0, nomsLine, person.nom);
  filling.fillLine(fields.prenoms, person.prenom);
  filling.fillDate([fields.birthDay, fields.birthMonth, fields.birthYear], person.birthDate);
  filling.fillLine(fields.birthPlace, person.birthPlace ?? '');
  const ayants = filling.field(fields.ayantsDroit);
  const family = ayantsDroitLines(font, ayants, data.ayantsDroit);
  filling.lines(ayants, family.lines, family.size);

  filling.fillLine(fields.structureName, structure.name);
  filling.fillLine(fields.communeArrondissement, structure.type === 'association' ? '' : (structure.communeArrondissement ?? ''));
  const { responsable } = structure;
  filling.fillLine(fields.responsable, `${responsable.prenom} ${responsable.nom}, ${responsable.fonction}`);
  const agrement = structure.type === 'association' ? structure.agrement : null;
  filling.fillLine(fields.prefecture, agrement?.prefecture ?? '');
  filling.fillLine(fields.agrement, agrement?.numero ?? '');
  filling.fillLine(fields.structureAddress, structure.addressLines.join(', '));
  filling.fillLine(fields.structureEmail, structure.email ?? '');
  filling.fillLine(fields.structurePhone, structure.phone ?? '');

  filling.fillLine(fields.postalNoms, person.nom);
  filling.fillLine(fields.postalPrenoms, person.prenom);
  const postal = filling.field(fields.postalAddress);
  const address = postalAddressLines(font, postal, data);
  filling.lines(postal, address.lines, address.size);

  filling.fillDate([fields.startDay, fields.startMonth, fields.startYear], decision.start);
  filling.fillDate([fields.endDay, fields.endMonth, fields.endYear], decision.end);
  writeOnLine(filling, 0, requestKindLine, decision.renewal ? requestKindWords.renewal : requestKindWords.first);
  filling.fillDate([fields.firstDay, fields.firstMonth, fields.firstYear], decision.firstDomiciliation);
  filling.fillLine(fields.madeAt, structure.city);
  filling.fillDate([fields.decisionDay, fields.decisionMonth, fields.decisionYear], decision.decidedOn);
  return filling.pdf();
}
