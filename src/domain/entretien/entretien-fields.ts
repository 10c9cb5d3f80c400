/**
 * The categories of the entretien social, as the yearly questionnaire counts them and the
 * structures' spreadsheet template writes them (../shared/docs/official-and-switching.md).
 * The codes are stored as they are; the labels name each code next to it, like the motifs of
 * the decisions (decision 0027: value labels stay with their values).
 */

export const compositionMenageLabels = {
  COUPLE_AVEC_ENFANT: 'Couple avec enfant(s)',
  COUPLE_SANS_ENFANT: 'Couple sans enfant',
  FEMME_ISOLE_AVEC_ENFANT: 'Femme isolée avec enfant(s)',
  FEMME_ISOLE_SANS_ENFANT: 'Femme isolée sans enfant',
  HOMME_ISOLE_AVEC_ENFANT: 'Homme isolé avec enfant(s)',
  HOMME_ISOLE_SANS_ENFANT: 'Homme isolé sans enfant',
} as const;

export const lienCommuneLabels = {
  RESIDENTIEL: 'Résidentiel',
  PARENTAL: 'Parental',
  FAMILIAL: 'Familial',
  PROFESSIONNEL: 'Professionnel',
  SOCIAL: 'Social',
  AUTRE: 'Autre',
} as const;

export const situationResidentielleLabels = {
  DOMICILE_MOBILE: 'Domicile mobile (caravane, véhicule)',
  HEBERGEMENT_SOCIAL: 'Hébergement social',
  HEBERGEMENT_TIERS: 'Hébergement chez un tiers',
  HOTEL: 'Hôtel',
  LOGEMENT_SANS_ADRESSE: 'Logement sans adresse',
  SANS_ABRI: 'Sans abri',
  AUTRE: 'Autre',
} as const;

export const causeInstabiliteLabels = {
  ERRANCE: 'Errance',
  EXPULSION: 'Expulsion',
  HEBERGE_SANS_ADRESSE: 'Hébergé sans adresse',
  ITINERANT: 'Itinérant',
  RUPTURE: 'Rupture familiale ou conjugale',
  SORTIE_STRUCTURE: "Sortie d'une structure d'hébergement",
  SORTIE_HOSPITALISATION: "Sortie d'hospitalisation",
  SORTIE_INCARCERATION: "Sortie d'incarcération",
  VIOLENCE: 'Violences',
  AUTRE: 'Autre',
} as const;

export const motifDemandeLabels = {
  EXERCICE_DROITS: 'Exercice des droits civils',
  PRESTATIONS_SOCIALES: 'Accès aux prestations sociales',
  EXERCICE_ACTIVITE_PRO: "Exercice d'une activité professionnelle",
  LUTTE_VIOLENCE: 'Protection contre les violences',
  AUTRE: 'Autre',
} as const;

export const situationProLabels = {
  ETUDIANT: 'Étudiant',
  SALARIE: 'Salarié',
  INDEPENDANT: 'Indépendant',
  FRANCE_TRAVAIL: 'Inscrit à France Travail',
  RSA: 'Bénéficiaire du RSA',
  AAH: "Bénéficiaire de l'AAH",
  RETRAITE: 'Retraité',
  AUTRE: 'Autre',
} as const;

export type CompositionMenage = keyof typeof compositionMenageLabels;
export type LienCommune = keyof typeof lienCommuneLabels;
export type SituationResidentielle = keyof typeof situationResidentielleLabels;
export type CauseInstabilite = keyof typeof causeInstabiliteLabels;
export type MotifDemande = keyof typeof motifDemandeLabels;
export type SituationPro = keyof typeof situationProLabels;

/** A record's entretien: every answer may be null, « non renseigné ». */
export type Entretien = {
  composition_menage: CompositionMenage | null;
  lien_commune: LienCommune | null;
  lien_commune_autre: string | null;
  situation_residentielle: SituationResidentielle | null;
  situation_residentielle_autre: string | null;
  cause_instabilite: CauseInstabilite | null;
  cause_instabilite_autre: string | null;
  motif_demande: MotifDemande | null;
  motif_demande_autre: string | null;
  accompagnement: boolean | null;
  accompagnement_par: string | null;
  situation_pro: SituationPro | null;
  situation_pro_autre: string | null;
  revenus: boolean | null;
  revenus_nature: string | null;
  orientation: boolean | null;
  orientation_par: string | null;
  domiciliation_existante: boolean | null;
  commentaires: string | null;
};

export type EntretienField = keyof Entretien;

type ListField = 'composition_menage' | 'lien_commune' | 'situation_residentielle' | 'cause_instabilite' | 'motif_demande' | 'situation_pro';
type YesNoField = 'accompagnement' | 'revenus' | 'orientation' | 'domiciliation_existante';
/** The text that goes with an answer: « précisez » after AUTRE, « par qui » or « de quelle nature » after OUI. */
type DetailField = Exclude<EntretienField, ListField | YesNoField | 'commentaires'>;

export type ListQuestion = { kind: 'list'; field: ListField; labels: Readonly<Record<string, string>>; detail?: DetailField };
export type YesNoQuestion = { kind: 'oui_non'; field: YesNoField; detail?: DetailField };
export type Question = ListQuestion | YesNoQuestion;

/**
 * The questions in the order of the form and of the template. « Lien avec la commune » is
 * counted for CCAS and CIAS; an association may record it too (an import may bring it), the
 * report decides what it counts.
 */
export const questions: readonly Question[] = [
  { kind: 'list', field: 'composition_menage', labels: compositionMenageLabels },
  { kind: 'list', field: 'lien_commune', labels: lienCommuneLabels, detail: 'lien_commune_autre' },
  { kind: 'list', field: 'situation_residentielle', labels: situationResidentielleLabels, detail: 'situation_residentielle_autre' },
  { kind: 'list', field: 'cause_instabilite', labels: causeInstabiliteLabels, detail: 'cause_instabilite_autre' },
  { kind: 'list', field: 'motif_demande', labels: motifDemandeLabels, detail: 'motif_demande_autre' },
  { kind: 'oui_non', field: 'accompagnement', detail: 'accompagnement_par' },
  { kind: 'list', field: 'situation_pro', labels: situationProLabels, detail: 'situation_pro_autre' },
  { kind: 'oui_non', field: 'revenus', detail: 'revenus_nature' },
  { kind: 'oui_non', field: 'orientation', detail: 'orientation_par' },
  { kind: 'oui_non', field: 'domiciliation_existante' },
];

export const entretienFields: readonly EntretienField[] = [
  ...questions.flatMap((question) => (question.detail ? [question.field, question.detail] : [question.field])),
  'commentaires',
];

/** An entretien nobody filled in yet. */
export const emptyEntretien = (): Entretien => Object.fromEntries(entretienFields.map((field) => [field, null])) as Entretien;

export const DETAIL_MAX_LENGTH = 200;
/** The template's column AJ holds 1,000 characters at most. */
export const COMMENTAIRES_MAX_LENGTH = 1000;
