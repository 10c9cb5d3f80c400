/**
 * The field names of the blank CERFA n° 16029*01 (`assets/forms/`), listed with pdf-lib: 51
 * fields on two pages. Page 1 is the person's request and the structure's receipt, page 2 the
 * notice of the decision. Unlike the attestation, every line the demande pre-fills has its field,
 * first request and renewal included. A new edition of the form means listing them again.
 */
export const DEMANDE_FORM_FILE = 'cerfa-16029-01-demande-election-domicile.pdf';

/** Page 1: the request. */
export const demandeFields = {
  sexe: 'sexe1',
  noms: 'noms1',
  prenoms: 'prenoms1',
  birthDay: 'jourNaissance1',
  birthMonth: 'moisNaissance1',
  birthYear: 'anneeNaissance1',
  birthPlace: 'lieuNaissance1',
  ayantsDroit: 'ayantsDroits',
  phone: 'telephone',
  email: 'courriel',
  requestKind: 'typeDemande',
  numeroUsager: 'numeroUsager',
  structureName: 'nomOrga1',
  responsable: 'responsable',
  prefecture: 'prefecture1',
  structureAddress: 'adresseOrga1',
  structureEmail: 'courrielOrga',
  structurePhone: 'telephoneOrga',
} as const;

/**
 * Page 2, the notice of the decision: who asked and which structure answers are known at
 * instruction; the decision itself (its boxes, `rattachement`, `motifRefus`, `orientation`, « Fait
 * à … le … ») is not, and stays blank.
 */
export const decisionNoticeFields = {
  sexe: 'sexe2',
  noms: 'noms2',
  prenoms: 'prenoms2',
  birthDay: 'jourNaissance2',
  birthMonth: 'moisNaissance2',
  birthYear: 'anneeNaissance2',
  birthPlace: 'lieuNaissance2',
  structureName: 'nomOrga2',
  prefecture: 'prefecture2',
  agrement: 'agrement',
} as const;

/** Both radios `sexe1` and `sexe2`: the first box « Mme », the second « M. ». */
export const sexeChoice = { femme: '1', homme: '2' } as const;

/** The radio `typeDemande`: the first box « 1ère demande », the second « Renouvellement ». */
export const requestKindChoice = { first: '1', renewal: '2' } as const;
