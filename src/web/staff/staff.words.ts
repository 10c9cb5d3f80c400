import type { PreferencesOutcome } from '../../domain/portal-access/portal-access.service.ts';
import type { CourrierType } from '../../db/schema.ts';
import type { CourrierProblem, RequiredText } from '../../domain/courriers/courriers-input.ts';
import type { CountWords } from '../../domain/courriers/mail-counts.ts';
import type { DecisionProblem } from '../../domain/decisions/decision-rules.ts';
import { statusLabels } from '../../domain/decisions/status.ts';
import type { EntretienProblem } from '../../domain/entretien/entretien-input.ts';
import type { IdentityProblem } from '../../domain/domicilies/identity-input.ts';
import type { ImportJobProblem } from '../../domain/imports/imports.service.ts';
import type { SearchProblem } from '../../domain/domicilies/search.service.ts';
import type { OfficialDocumentProblem } from '../../domain/official-documents/form-structure.ts';
import type { ImportFileProblem } from '../../domain/spreadsheet/import-problems.ts';
import type { ReportProblem } from '../../domain/report/report-types.ts';
import type { PortalAccessProblem } from '../../domain/portal-access/portal-access.service.ts';
import type { ResetNotice, StaffAccountProblem, StaffLoginRefusal } from '../../domain/staff/staff.service.ts';
import type { OfficialFieldName } from '../../domain/structures/official-fields.ts';
import type { NotificationReason } from '../../domain/notifications/notifications.service.ts';
import type { LogoProblem } from '../../domain/structures/logo.service.ts';
import type { MissingField, StructureProblem } from '../../domain/structures/structures.service.ts';
import type { StructureMessageProblem } from '../../domain/structure-messages/structure-messages.service.ts';
import { formatDate, formatDateTime } from '../../shared/dates.ts';
import type { ErrorCode, Problem } from '../../shared/errors.ts';
import { frenchErrorMessages, frenchPasswordWords } from '../shared/error-messages.ts';
import { importFileWords, isImportFileProblem } from './import.words.ts';
import { isReportProblem, reportProblemWords } from './report/report.words.ts';
import type { PersonDocumentProblem } from '../../domain/person-documents/person-documents.service.ts';
import { isPersonDocumentProblem, personDocumentWords } from './fiche/documents.words.ts';

/**
 * The staff application's words for what the domain says is wrong (decision 0027): every
 * problem its services may throw, in French. The switch is exhaustive: a problem added to a
 * module's union does not type-check until it has its words here.
 */
export type StaffProblem = CourrierProblem | DecisionProblem | EntretienProblem | IdentityProblem | ImportFileProblem | ImportJobProblem | LogoProblem | OfficialDocumentProblem | PersonDocumentProblem | PortalAccessProblem | ReportProblem | SearchProblem | StaffAccountProblem | StaffLoginRefusal | StructureProblem | StructureMessageProblem;

/** « 2 courriers », « 1 colis », « 3 avis de passage ». */
export const countWords: CountWords = (type, count) => ({ courrier: count > 1 ? 'courriers' : 'courrier', colis: 'colis', avis_passage: 'avis de passage' })[type];

const countLabels: Record<CourrierType, string> = {
  courrier: 'Le nombre de courriers',
  colis: 'Le nombre de colis',
  avis_passage: "Le nombre d'avis de passage",
};

/** Each text a procuration or a transfert requires, as « Indiquez … » completes it. */
const requiredTexts: Record<RequiredText, string> = {
  nom_mandataire: 'le nom du mandataire',
  prenom_mandataire: 'le prénom du mandataire',
  nom_destinataire: 'le nom du destinataire',
  adresse_transfert: "l'adresse de transfert",
};

/** Each field the official forms print about the structure, as « Indiquez … » completes it. */
export const officialFieldWords: Record<OfficialFieldName, string> = {
  responsable_nom: 'le nom du responsable',
  responsable_prenom: 'le prénom du responsable',
  responsable_fonction: 'la fonction du responsable',
  agrement_prefecture: "la préfecture qui a délivré l'agrément",
  agrement_numero: "le numéro d'agrément",
  agrement_fin: "la date de fin de l'agrément",
  commune_arrondissement: "la commune ou l'arrondissement",
  postal_address: "l'adresse postale",
};

const capitalized = (text: string) => `${text[0]!.toUpperCase()}${text.slice(1)}`;

/** A field the official forms need and « Ma structure » lacks, as a list names it. */
export const missingFieldWords = (missing: MissingField) => capitalized(officialFieldWords[missing.id]);

const REISSUE_DOCUMENT = 'Pour en obtenir un nouveau, ré-initialisez le mot de passe temporaire du domicilié.';

export function wordsFor(problem: StaffProblem): string {
  if (isImportFileProblem(problem)) return importFileWords(problem);
  if (isReportProblem(problem)) return reportProblemWords(problem);
  if (isPersonDocumentProblem(problem)) return personDocumentWords(problem);
  switch (problem.code) {
    case 'structure_incomplete':
      return `Complétez « Ma structure » avant d'imprimer ce document : ${problem.missing.map(missingFieldWords).join(', ').toLowerCase()}.`;
    // Passwords (staff accounts)
    case 'mot_de_passe_trop_court':
    case 'mot_de_passe_trop_long':
    case 'mot_de_passe_courant':
    case 'mot_de_passe_personnel':
    case 'confirmation_differente':
    case 'mot_de_passe_actuel_incorrect':
      return frenchPasswordWords(problem);

    // Staff accounts
    case 'role_manquant':
      return 'Choisissez un rôle.';
    case 'email_deja_pris':
      return 'Un compte existe déjà avec cette adresse e-mail.';
    case 'compte_deja_active':
      return 'Ce compte est déjà activé. Pour lui donner un nouveau mot de passe, utilisez « Réinitialiser le mot de passe ».';
    case 'compte_pas_encore_active':
      return 'Ce compte n’est pas encore activé : envoyez-lui un nouveau lien d’activation.';
    case 'propre_compte_a_reinitialiser':
      return 'Pour votre propre compte, utilisez « Changer mon mot de passe ».';
    case 'propre_role':
      return 'Vous ne pouvez pas changer votre propre rôle.';
    case 'propre_compte_a_desactiver':
      return 'Vous ne pouvez pas désactiver votre propre compte.';
    case 'identifiants_incorrects':
      return 'Adresse e-mail ou mot de passe incorrect.';
    case 'trop_de_tentatives':
      return `Trop de tentatives pour cette adresse e-mail : réessayez dans ${problem.minutes} minute${problem.minutes > 1 ? 's' : ''}.`;
    case 'lien_activation_perime':
      return "Ce lien d'activation n'est plus valable. Demandez-en un nouveau à votre administrateur.";

    // People: staff accounts and the domicilié's identity
    case 'nom_manquant':
      return 'Indiquez le nom.';
    case 'prenom_manquant':
      return 'Indiquez le prénom.';
    case 'email_invalide':
      return 'Indiquez une adresse e-mail valide, par exemple nom@exemple.fr.';
    case 'telephone_invalide':
      return 'Indiquez un numéro de téléphone valide, par exemple 06 12 34 56 78.';
    case 'date_naissance_manquante':
      return 'Indiquez la date de naissance au format jj/mm/aaaa, par exemple 14/03/1985.';
    case 'date_naissance_invalide':
      return "La date de naissance n'est pas une date valide : utilisez le format jj/mm/aaaa, par exemple 14/03/1985.";
    case 'date_naissance_future':
      return 'La date de naissance ne peut pas être dans le futur.';
    case 'sexe_inconnu':
      return 'Choisissez le sexe dans la liste.';
    case 'avis_email_sans_adresse':
      return "Pour prévenir la personne par e-mail, indiquez son adresse e-mail.";
    case 'avis_sms_sans_mobile':
      return 'Pour prévenir la personne par SMS, indiquez un numéro de téléphone mobile, par exemple 06 12 34 56 78.';
    case 'ayant_droit_nom_manquant':
      return `Indiquez le nom de l'ayant droit n° ${problem.rang}.`;
    case 'ayant_droit_prenom_manquant':
      return `Indiquez le prénom de l'ayant droit n° ${problem.rang}.`;
    case 'ayant_droit_lien_manquant':
      return `Choisissez le lien de l'ayant droit n° ${problem.rang} avec le domicilié.`;
    case 'date_recherchee_invalide':
      return `« ${problem.typed} » n'est pas une date valide : tapez la date de naissance au format jj/mm/aaaa.`;

    // The structure
    case 'nom_structure_manquant':
      return 'Indiquez le nom de la structure.';
    case 'adresse_manquante':
      return "Indiquez l'adresse (numéro et rue).";
    case 'code_postal_invalide':
      return 'Le code postal doit contenir 5 chiffres, par exemple 69001.';
    case 'ville_manquante':
      return 'Indiquez la ville.';
    case 'email_structure_invalide':
      return 'Indiquez une adresse e-mail valide, par exemple accueil@exemple.fr.';
    case 'telephone_structure_invalide':
      return 'Indiquez un numéro de téléphone valide, par exemple 04 72 00 00 00.';
    case 'champ_structure_trop_long':
      return `${capitalized(officialFieldWords[problem.field])} ne doit pas dépasser ${problem.max} caractères.`;
    case 'adresse_postale_trop_de_lignes':
      return `L'adresse postale tient en ${problem.max} lignes au plus.`;
    case 'fin_agrement_invalide':
      return "La date de fin de l'agrément n'est pas une date valide : utilisez le format jj/mm/aaaa, par exemple 30/06/2027.";
    case 'agrement_reserve_aux_associations':
      return "Seule une association a un agrément de la préfecture : laissez l'agrément vide.";
    case 'commune_reservee_aux_ccas_cias':
      return "La commune ou l'arrondissement ne concerne qu'un CCAS ou un CIAS : laissez ce champ vide.";

    // The structure's logo
    case 'logo_manquant':
      return 'Choisissez le fichier du logo : une image PNG ou JPEG.';
    case 'logo_trop_lourd':
      return `Ce fichier est trop lourd : le logo doit peser ${problem.maxBytes / 1024 / 1024} Mo au plus. Enregistrez l'image en plus petit, puis recommencez.`;
    case 'logo_format_refuse':
      return problem.found === 'gif'
        ? 'Ce fichier est une image GIF : le logo doit être une image PNG ou JPEG. Enregistrez-la dans un de ces formats, puis recommencez.'
        : "Ce fichier n'est pas une image PNG ou JPEG (son nom ne suffit pas : c'est son contenu qui compte). Choisissez une image PNG ou JPEG.";
    case 'logo_illisible':
      return `Ce fichier ${problem.type === 'png' ? 'PNG' : 'JPEG'} est incomplet ou abîmé. Enregistrez l'image à nouveau depuis votre logiciel, puis recommencez.`;
    case 'logo_trop_grand':
      return `Cette image est trop grande : le logo doit mesurer ${problem.maxSide} pixels au plus de côté. Réduisez-la, puis recommencez.`;

    // The import of a spreadsheet
    case 'import_fichier_manquant':
      return 'Choisissez le fichier à importer : un tableur .xlsx ou un fichier .csv.';
    case 'import_deja_en_cours':
      return "Un import est déjà en cours pour votre structure : attendez qu'il se termine, puis recommencez.";
    case 'import_plus_confirmable':
      return "Cet import ne peut plus être confirmé : il a déjà été confirmé, abandonné, ou un autre fichier a été envoyé depuis. Envoyez le fichier à nouveau.";
    case 'import_interrompu':
      return "L'import a été interrompu (le serveur s'est arrêté, ou le fichier n'a pas été confirmé à temps) : aucun domicilié n'a été créé. Envoyez le fichier à nouveau.";
    case 'import_ecriture_impossible':
      return "L'enregistrement a échoué : aucun domicilié n'a été créé. Réessayez dans quelques minutes ; si l'échec se répète, contactez l'assistance.";
    case 'import_fichier_change':
      return "Le fichier relu pour l'enregistrement ne correspond plus au fichier vérifié : aucun domicilié n'a été créé. Envoyez le fichier à nouveau.";

    // Mail
    case 'nombre_invalide':
      return `${countLabels[problem.type]} doit être un nombre entier entre 0 et ${problem.max}.`;
    case 'aucun_courrier_recu':
      return 'Indiquez au moins 1 courrier, 1 colis ou 1 avis de passage.';
    case 'commentaire_trop_long':
      return `Le commentaire ne doit pas dépasser ${problem.max} caractères (il en a ${problem.length}).`;
    case 'aucun_type_coche':
      return 'Cochez au moins un type de courrier à remettre.';
    case 'type_inconnu':
      return 'Choisissez parmi courriers, colis et avis de passage.';
    case 'destinataire_inconnu':
      return 'Choisissez la personne qui retire le courrier.';
    case 'rien_en_attente':
      return "Il n'y a aucun courrier en attente.";
    case 'rien_en_attente_pour_ces_types':
      return "Il n'y a rien en attente pour les types choisis.";
    case 'retour_reserve_aux_radies':
      return "Le retour à l'expéditeur est réservé au courrier des domiciliés radiés.";
    case 'aucun_transfert':
      return "Aucune adresse de transfert n'est enregistrée pour ce domicilié.";
    case 'transfert_pas_commence':
      return `Le transfert ne commence que le ${formatDate(problem.start)}.`;
    case 'transfert_termine':
      return `Le transfert a pris fin le ${formatDate(problem.end)}.`;
    case 'historique_change':
      return "L'historique a changé entre-temps (un autre enregistrement a eu lieu) : vérifiez-le ci-dessous avant d'annuler un événement.";
    case 'reception_deja_distribuee':
      return 'Cette réception ne peut pas être annulée : une partie de ce courrier a déjà été remise, retournée ou transférée.';

    // Procurations and transfert
    case 'procuration_inconnue':
      return "Cette procuration n'existe pas ou a été supprimée : choisissez la personne qui retire le courrier.";
    case 'procuration_expiree':
      return `Cette procuration a expiré le ${formatDate(problem.end)} : le mandataire ne peut plus retirer le courrier.`;
    case 'procuration_a_venir':
      return `Cette procuration ne commence que le ${formatDate(problem.start)} : le mandataire ne peut pas encore retirer le courrier.`;
    case 'trop_de_procurations':
      return `Ce domicilié a déjà ${problem.max} procurations : supprimez-en une avant d'en ajouter une autre.`;
    case 'texte_manquant':
      return `Indiquez ${requiredTexts[problem.text]}.`;
    case 'texte_trop_long':
      return `${capitalized(requiredTexts[problem.text])} ne doit pas dépasser ${problem.max} caractères.`;
    case 'date_naissance_mandataire_invalide':
      return 'Indiquez une date de naissance passée, par exemple 14/03/1985, ou laissez le champ vide.';
    case 'periode_debut_manquant':
      return 'Indiquez la date de début, par exemple 26/11/2026.';
    case 'periode_fin_manquante':
      return 'Indiquez la date de fin, par exemple 25/11/2027.';
    case 'periode_fin_avant_debut':
      return 'La date de fin doit être après la date de début.';
    case 'periode_fin_passee':
      return 'La date de fin est déjà passée.';

    // Decisions
    case 'validation_debut_manquant':
      return 'Indiquez la date de début, par exemple 01/12/2026.';
    case 'validation_debut_invalide':
      return "La date de début n'est pas une date valide : utilisez le format jj/mm/aaaa, par exemple 01/12/2026.";
    case 'validation_fin_invalide':
      return "La date de fin n'est pas une date valide : utilisez le format jj/mm/aaaa, par exemple 30/11/2027.";
    case 'validation_fin_avant_debut':
      return 'La date de fin doit être postérieure ou égale à la date de début.';
    case 'motif_manquant':
      return problem.decision === 'refus' ? 'Choisissez le motif du refus.' : 'Choisissez le motif de la radiation.';
    case 'motif_a_preciser':
      return 'Précisez le motif.';
    case 'decision_impossible':
      return `Cette décision n'est pas possible pour un dossier au statut « ${statusLabels[problem.status]} ». Rechargez la fiche.`;
    case 'demande_initiale_non_annulable':
      return 'La demande qui a ouvert le dossier ne peut pas être annulée. Pour retirer ce dossier, supprimez-le.';
    case 'autre_decision_entre_temps':
      return "Une autre décision a été enregistrée entre-temps : vérifiez l'historique ci-dessous avant d'annuler.";
    case 'orientation_inconnue':
      return "Choisissez l'orientation dans la liste, ou « Non renseignée ».";
    case 'orientation_a_preciser':
      return "Précisez où la personne est orientée, par exemple « CCAS de Villeurbanne ».";
    case 'date_decision_manquante':
      return 'Indiquez la date de la décision, par exemple 01/12/2026.';
    case 'date_decision_invalide':
      return "La date de la décision n'est pas une date valide : utilisez le format jj/mm/aaaa, par exemple 01/12/2026.";
    case 'date_decision_future':
      return `La date de la décision ne peut pas être après aujourd'hui (${formatDate(problem.today)}).`;
    case 'date_decision_avant_precedente':
      return `La date de la décision ne peut pas être avant celle de la décision précédente (${formatDate(problem.previous)}).`;
    case 'date_decision_apres_suivante':
      return `La date de la décision ne peut pas être après celle de la décision suivante (${formatDate(problem.next)}).`;
    case 'decision_annulee':
      return "Cette décision a été annulée : sa date ne peut plus être modifiée.";

    // Entretien social
    case 'entretien_reponse_inconnue':
      return 'Choisissez une des réponses proposées.';
    case 'entretien_autre_a_preciser':
      return 'Vous avez choisi « Autre » : précisez.';
    case 'entretien_precision_trop_longue':
      return `Écrivez ${problem.max} caractères au plus.`;
    case 'entretien_commentaires_trop_longs':
      return `Écrivez ${problem.max} caractères au plus dans les commentaires.`;

    // Messages aux domiciliés
    case 'message_texte_manquant':
      return 'Écrivez le message.';
    case 'message_texte_trop_long':
      return `Le message doit faire ${problem.max} caractères au plus (il en fait ${problem.length}) : raccourcissez-le.`;
    case 'message_caracteres_interdits':
      return 'Le message contient des caractères invisibles ou abîmés (souvent venus d’un copier-coller) : retapez-le.';
    case 'message_debut_manquant':
      return 'Indiquez le premier jour d’affichage, par exemple 24/12/2026.';
    case 'message_debut_invalide':
      return "Le premier jour d'affichage n'est pas une date valide : utilisez le format jj/mm/aaaa, par exemple 24/12/2026.";
    case 'message_fin_manquante':
      return 'Indiquez le dernier jour d’affichage, par exemple 26/12/2026.';
    case 'message_fin_invalide':
      return "Le dernier jour d'affichage n'est pas une date valide : utilisez le format jj/mm/aaaa, par exemple 26/12/2026.";
    case 'message_fin_avant_debut':
      return 'Le dernier jour d’affichage doit être le premier jour ou après.';
    case 'message_fin_passee':
      return `Le dernier jour d’affichage est déjà passé (nous sommes le ${formatDate(problem.today)}) : le message ne serait jamais affiché.`;

    // Portal access
    case 'portail_ferme_pour_la_structure':
      return "Le portail usager n'est pas activé pour votre structure : un administrateur peut l'activer dans « Ma structure ».";
    case 'document_efface':
      return `Le document Word n'est plus disponible : il est effacé 15 minutes après sa création. ${REISSUE_DOCUMENT}`;
    case 'document_mot_de_passe_inactif':
      return `Le document Word n'est plus disponible : son mot de passe temporaire ne fonctionne plus (le domicilié a choisi son propre mot de passe, l'accès a été désactivé ou le mot de passe a expiré). ${REISSUE_DOCUMENT}`;
    case 'document_d_un_autre':
      return `Ce document Word ne peut être téléchargé que par le membre de l'équipe qui l'a créé : il contient un mot de passe. ${REISSUE_DOCUMENT}`;
  }
}

/** The notice shown once after a login, when an administrateur reset the password. */
/** The confirmation shown after « Enregistrer les préférences ». */
export const preferencesWords: Record<PreferencesOutcome, string> = {
  created: "L'accès au portail usager est créé. Le document Word avec l'identifiant et le mot de passe temporaire se télécharge.",
  reset: "Un nouveau mot de passe temporaire est créé : l'ancien ne fonctionne plus. Le nouveau document Word se télécharge.",
  enabled: "L'accès au portail usager est réactivé avec un nouveau mot de passe temporaire. Le document Word se télécharge.",
  disabled: "L'accès au portail usager est désactivé : le domicilié ne peut plus se connecter.",
  unchanged: 'Les préférences sont enregistrées. Rien n’a changé.',
};

export function resetNoticeWords(notice: ResetNotice): string {
  const by = notice.by ? `${notice.by.prenom} ${notice.by.nom}` : 'un administrateur';
  return `Votre mot de passe a été réinitialisé le ${formatDateTime(notice.at, notice.timezone)} par ${by}. Si vous n’en étiez pas informé, prévenez un autre administrateur de votre structure.`;
}

/**
 * The message of an error page or alert: the problem's words when the service said what is
 * wrong, else the code's. The staff services throw only problems of `StaffProblem`.
 */
export function errorWords(code: ErrorCode, problem: Problem | undefined): string {
  return problem ? wordsFor(problem as StaffProblem) : frenchErrorMessages[code];
}

/** Why a notice was cancelled or failed (the outbox stores the code before « : »; the technical detail after it stays out of pages). */
export function notificationReasonWords(reason: NotificationReason): string {
  switch (reason) {
    case 'consentement_retire':
      return "l'accord de la personne a été retiré.";
    case 'notifications_suspendues':
      return 'la personne a suspendu les avis depuis le portail.';
    case 'adresse_absente':
      return "la fiche n'a pas d'adresse e-mail ou de numéro de téléphone.";
    case 'reception_annulee':
      return 'la réception du courrier a été annulée.';
    case 'plus_de_courrier':
      return "le courrier avait déjà été remis : plus rien n'attendait.";
    case 'echeance_changee':
      return "la domiciliation a changé (renouvelée ou arrêtée) : le rappel n'avait plus lieu d'être.";
    case 'canal_desactive':
      return "l'envoi n'est plus configuré sur ce serveur.";
    case 'adresse_refusee':
      return "l'adresse ou le numéro a été refusé : vérifiez-le avec la personne.";
    case 'envoi_impossible':
      return "le service d'envoi n'a pas pu le transmettre, même après plusieurs essais.";
  }
}

/** What a page says when this server cannot send a channel: nothing leaves, whatever the consent. */
export function sendingOffWords(sending: { email: boolean; sms: boolean }): string | null {
  if (!sending.email && !sending.sms) return "L'envoi des e-mails et des SMS n'est pas configuré sur ce serveur : aucun avis ne part pour l'instant.";
  if (!sending.email) return "L'envoi des e-mails n'est pas configuré sur ce serveur : aucun avis ne part par e-mail pour l'instant.";
  if (!sending.sms) return "L'envoi des SMS n'est pas configuré sur ce serveur : aucun avis ne part par SMS pour l'instant.";
  return null;
}
