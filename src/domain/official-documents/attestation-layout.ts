import type { Rect } from './prepared-form.ts';

/**
 * What was measured on the blank CERFA n° 16030*01 (`assets/forms/`): its field names, and where
 * the lines the form prints without a field sit. Positions are PDF points from the page's lower
 * left corner, read with `pdftotext -bbox-layout` and checked against the fields beside them;
 * a new edition of the form means measuring again.
 */
export const ATTESTATION_FORM_FILE = 'cerfa-16030-01-attestation-election-domicile.pdf';

export const attestationFields = {
  sexe: 'sexe1',
  prenoms: 'prenoms1',
  birthDay: 'jourNaissance1',
  birthMonth: 'moisNaissance1',
  birthYear: 'anneeNaissance1',
  birthPlace: 'lieuNaissance1',
  ayantsDroit: 'ayantsDroits',
  structureName: 'nomOrga1',
  communeArrondissement: 'rattachement',
  responsable: 'responsable',
  prefecture: 'prefecture1',
  agrement: 'agrement',
  structureAddress: 'adresseOrga1',
  structureEmail: 'courrielOrga',
  structurePhone: 'telephoneOrga',
  postalNoms: 'noms2',
  postalPrenoms: 'prenoms2',
  postalAddress: 'adresse',
  startDay: 'jourDebut',
  startMonth: 'moisDebut',
  startYear: 'anneeDebut',
  endDay: 'jourFin',
  endMonth: 'moisFin',
  endYear: 'anneeFin',
  firstDay: 'jourPremiereDom',
  firstMonth: 'moisPremiereDom',
  firstYear: 'anneePremiereDom',
  madeAt: 'signature1A',
  decisionDay: 'jourDecision1A',
  decisionMonth: 'moisDecision1A',
  decisionYear: 'anneeDecision1A',
} as const;

/** The radio `sexe1` has two choices: the first box is « Mme », the second « M. ». */
export const sexeChoice = { femme: '1', homme: '2' } as const;

export type Box = Rect;

/**
 * The first block's « Nom(s) : _ _ _ » line has no field: the name is written over its dashes.
 * The page does carry a widget there (`noms1`), but no field of the form lists it, so no reader
 * fills it; its rectangle matches the line measured on the page (first dash to the right edge
 * shared by the fields below, the height of the « Prénom(s) » field), and is used as is.
 */
export const nomsLine: Box = { x: 96.66, y: 696.2, width: 437.64, height: 14 };

/**
 * The form has no place for first request or renewal; it is written on the validity line, after
 * the end date, where the line is blank: the two facts describe the same period.
 */
export const requestKindLine: Box = { x: 378, y: 188, width: 156.3, height: 14 };
