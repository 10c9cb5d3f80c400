import type { CourrierType, PersonDocumentType } from '../../db/schema.ts';
import type { PortalPasswordProblem } from '../../domain/portal/portal.service.ts';
import { frenchErrorMessages, frenchPasswordWords } from '../shared/error-messages.ts';
import { englishNoticeWords, frenchNoticeWords, noticesEn, noticesFr, type NoticeProblem } from './notices.i18n.ts';

/** Every word of the portail usager, in French (default) and English. */
export type Lang = 'fr' | 'en';
export const langs: readonly Lang[] = ['fr', 'en'];

export function isLang(value: unknown): value is Lang {
  return value === 'fr' || value === 'en';
}

/**
 * Every problem the portal's services may throw (decision 0027), worded by each language with
 * an exhaustive switch: a new problem does not type-check until both languages have its words.
 */
export type PortalProblem = PortalPasswordProblem | NoticeProblem;

function frenchWordsFor(problem: PortalProblem): string {
  switch (problem.code) {
    case 'mot_de_passe_trop_court':
    case 'mot_de_passe_trop_long':
    case 'mot_de_passe_courant':
    case 'mot_de_passe_personnel':
    case 'confirmation_differente':
    case 'mot_de_passe_actuel_incorrect':
      return frenchPasswordWords(problem);
    case 'identique_au_temporaire':
      return 'Le nouveau mot de passe doit être différent du mot de passe temporaire.';
    case 'identique_a_l_actuel':
      return 'Le nouveau mot de passe doit être différent du mot de passe actuel.';
    default:
      return frenchNoticeWords(problem);
  }
}

function englishWordsFor(problem: PortalProblem): string {
  switch (problem.code) {
    case 'mot_de_passe_trop_court':
      return `The password must have at least ${problem.min} characters (it has ${problem.length}).`;
    case 'mot_de_passe_trop_long':
      return `The password must have at most ${problem.max} characters.`;
    case 'mot_de_passe_courant':
      return 'This password is too common and easy to guess. Choose another one.';
    case 'mot_de_passe_personnel':
      return 'The password must not contain your personal information (identifier, name, birth date…).';
    case 'confirmation_differente':
      return 'The two passwords you typed are not the same.';
    case 'mot_de_passe_actuel_incorrect':
      return 'The current password is wrong.';
    case 'identique_au_temporaire':
      return 'The new password must be different from the temporary password.';
    case 'identique_a_l_actuel':
      return 'The new password must be different from the current password.';
    default:
      return englishNoticeWords(problem);
  }
}

const fr = {
  /** The link that switches to the other language, written in that language. */
  switchTo: { lang: 'en' as Lang, label: 'English' },
  portalName: 'Portail usager',
  notGiven: 'Non renseigné',
  nav: { label: 'Menu du portail', menu: 'Menu', home: 'Mon espace', history: 'Historique', documents: 'Mes documents', password: 'Changer mon mot de passe', logout: 'Se déconnecter' },
  errorSummary: (n: number) => `Le formulaire contient ${n > 1 ? `${n} erreurs` : 'une erreur'}`,
  login: {
    title: 'Connexion',
    heading: 'Connexion au portail usager',
    intro: 'Utilisez l’identifiant et le mot de passe du document remis par votre structure.',
    identifier: 'Identifiant',
    identifierHint: '8 lettres. Majuscules, minuscules et espaces ne comptent pas.',
    password: 'Mot de passe',
    passwordHint: 'À la première connexion, tapez le mot de passe temporaire du document.',
    submit: 'Se connecter',
    forgotten: 'Mot de passe oublié ? Adressez-vous à votre structure : elle vous donnera un nouveau mot de passe temporaire.',
  },
  refusal: {
    invalid: 'Identifiant ou mot de passe incorrect. Vérifiez ce que vous avez tapé, puis réessayez.',
    locked: (minutes: number) => `Trop de tentatives pour cet identifiant : réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`,
    expired: 'Votre mot de passe temporaire n’est plus valable. Adressez-vous à votre structure pour en obtenir un nouveau.',
    disabled: 'Votre accès au portail est désactivé. Adressez-vous à votre structure.',
    portal_off: 'Le portail usager est fermé par votre structure. Adressez-vous à votre structure.',
  },
  password: {
    rulesHeading: 'Règles du mot de passe',
    rules: [
      'au moins 12 caractères ; les espaces et tous les caractères sont permis. Une petite phrase facile à retenir convient bien ;',
      'pas un mot de passe courant, facile à deviner ;',
      'sans votre identifiant, votre nom, votre prénom ni votre date de naissance ;',
    ],
    notTemporary: 'différent du mot de passe temporaire.',
    notCurrent: 'différent du mot de passe actuel.',
    hint: 'Au moins 12 caractères. Exemple : « mon vélo bleu du marché ».',
    next: 'Nouveau mot de passe',
    confirm: 'Confirmer le mot de passe',
    current: 'Mot de passe actuel',
    show: 'Afficher le mot de passe',
    hide: 'Masquer le mot de passe',
  },
  choose: {
    title: 'Choisir mon mot de passe',
    intro: 'C’est votre première connexion. Choisissez maintenant votre mot de passe personnel : vous l’utiliserez à la place du mot de passe temporaire.',
    submit: 'Enregistrer mon mot de passe',
  },
  change: { title: 'Changer mon mot de passe', submit: 'Changer mon mot de passe' },
  wordsFor: frenchWordsFor,
  flash: {
    loggedOut: 'Vous êtes déconnecté.',
    passwordChosen: 'Votre mot de passe est enregistré. Utilisez-le à votre prochaine connexion.',
    passwordChanged: 'Votre mot de passe a été changé. Vos autres connexions ont été fermées.',
    noticesPaused: 'Les avis sont suspendus. Aucun message ne vous sera envoyé.',
    noticesResumed: 'Les avis sont réactivés.',
    emailLinkSent: 'Un lien de confirmation a été envoyé à votre nouvelle adresse. Ouvrez-le dans les 48 heures.',
  },
  notices: noticesFr,
  home: {
    title: 'Mon espace',
    hello: (prenom: string, nom: string) => `Bonjour ${prenom} ${nom}`,
    mailHeading: 'Votre courrier en attente',
    noMail: 'Pas de courrier en attente.',
    typeLabel: (type: CourrierType, count: number) => ({ courrier: count > 1 ? 'courriers' : 'courrier', colis: 'colis', avis_passage: 'avis de passage' })[type],
    receivedOn: (date: string, n: number) => `${n > 1 ? 'reçus' : 'reçu'} le ${date}`,
    comment: 'Message de la structure :',
    collect: 'Venez le chercher à votre structure, aux heures d’ouverture.',
    avisHint: 'Un avis de passage veut dire qu’une lettre recommandée ou un colis vous attend : venez vite, le délai pour le retirer est court.',
    moreItems: 'D’autres envois sont en attente : demandez le détail à votre structure.',
    domiciliationHeading: 'Votre domiciliation',
    status: 'Statut :',
    statusLabels: { instruction: 'En cours d’examen', a_valider: 'En cours d’examen', valide: 'Actif', refuse: 'Refusée', radie: 'Arrêtée (radiation)' },
    period: (start: string, end: string) => `Votre domiciliation est valable du ${start} au ${end}.`,
    soon: (end: string) => `Votre domiciliation se termine bientôt, le ${end}. Pour la renouveler, adressez-vous à votre structure avant cette date.`,
    passed: (end: string) => `Votre domiciliation a pris fin le ${end}. Adressez-vous vite à votre structure pour la renouveler.`,
    radie: 'Votre domiciliation a été arrêtée (radiation) : vous ne pouvez plus utiliser l’adresse de la structure. Adressez-vous à votre structure pour savoir quoi faire.',
    refuse: 'Votre demande de domiciliation a été refusée. Adressez-vous à votre structure pour savoir quoi faire.',
    pending: 'Votre demande de domiciliation est en cours d’examen par votre structure.',
    addressHeading: 'Votre adresse postale',
    addressIntro: 'Donnez cette adresse aux administrations (CAF, Assurance maladie, France Travail…). Écrivez-la exactement comme ceci :',
    addressUnavailable: 'Votre domiciliation n’est pas active : vous ne pouvez pas utiliser l’adresse de la structure.',
    care: 'chez',
    lastVisitHeading: 'Votre dernier passage',
    lastVisit: (date: string) => `Votre dernier passage enregistré : le ${date}.`,
    noVisit: 'Aucun passage enregistré.',
    reminder: 'Venez à votre structure, ou appelez-la, au moins une fois tous les trois mois : sans nouvelles de vous pendant plus de trois mois, elle peut arrêter votre domiciliation.',
    contactHeading: 'Contacter votre structure',
    address: 'Adresse',
    phone: 'Téléphone',
    email: 'Adresse e-mail',
    hours: 'Horaires d’ouverture',
    historyLink: 'Voir tout l’historique de mon courrier',
    documentsLink: 'Mes documents : attestation et papiers confiés par votre structure',
  },
  history: {
    title: 'Historique du courrier',
    empty: 'Aucun événement pour le moment.',
    caption: 'Vos courriers, du plus récent au plus ancien',
    kinds: {
      reception: 'Courrier reçu',
      hand_out: 'Courrier remis',
      return_to_sender: 'Renvoyé à l’expéditeur',
      transfer: 'Réexpédié à une autre adresse',
      visit: 'Passage à la structure',
      call: 'Appel à la structure',
    },
    toYou: 'à vous',
    toProxy: 'à votre mandataire',
    older: 'Événements plus anciens',
    newest: 'Revenir aux plus récents',
    pagination: 'Pages de l’historique',
  },
  documents: {
    title: 'Mes documents',
    attestationHeading: 'Votre attestation d’élection de domicile',
    attestationLink: 'Télécharger mon attestation d’élection de domicile',
    attestationHint: 'Un PDF officiel (CERFA n° 16030*01) qui prouve votre domiciliation : donnez-le aux administrations qui le demandent.',
    attestationAtDesk: 'Votre attestation d’élection de domicile ne peut pas être faite sur le portail pour le moment : demandez-la à l’accueil de votre structure.',
    attestationNone: 'L’attestation d’élection de domicile est disponible ici quand votre domiciliation est active.',
    listHeading: 'Documents confiés par votre structure',
    empty: 'Votre structure n’a pas encore mis de document ici.',
    download: 'Télécharger',
    types: { 'application/pdf': 'PDF', 'image/png': 'image PNG', 'image/jpeg': 'image JPEG' } as Record<PersonDocumentType, string>,
    size: (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} Ko` : `${(bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`),
    added: (date: string) => `ajouté le ${date}`,
  },
  /** The structure's messages, procurations and forwarding shown on the home page (issue 19). */
  homeNotices: {
    messagesHeading: 'Messages de votre structure',
    mandatesHeading: 'Qui peut retirer votre courrier',
    proxy: (name: string, end: string) => `${name} peut retirer votre courrier à votre place jusqu’au ${end} inclus.`,
    forwardingHeading: 'Réexpédition de votre courrier',
    forwarding: (end: string) => `Jusqu’au ${end} inclus, votre structure réexpédie votre courrier à cette adresse :`,
  },
  dateTime: (date: string, time: string) => `${date} à ${time}`,
  /** A text written by the structure, between the language's quotation marks. */
  quote: (text: string) => `« ${text} »`,
  errors: {
    title: 'Erreur',
    back: 'Revenir au portail',
    titles: {
      CSRF_INVALID: 'Formulaire expiré', NOT_FOUND: 'Page introuvable', RATE_LIMITED: 'Trop de tentatives', INVALID_INPUT: 'Saisie incorrecte',
      FOREIGN_ORIGIN: 'Demande refusée', INVALID_CHARACTERS: 'Caractères non acceptés', PAYLOAD_TOO_LARGE: 'Envoi trop volumineux', UNSUPPORTED_MEDIA_TYPE: 'Envoi non accepté',
      DATABASE_UNAVAILABLE: 'Service momentanément indisponible', STORAGE_FULL: 'Modification non enregistrée', DATABASE_STOPPED: 'Service arrêté',
    } as Record<string, string>,
    /** What each error code says when no problem of the service tells more. */
    messages: frenchErrorMessages,
  },
};

export type Texts = typeof fr;

const en: Texts = {
  switchTo: { lang: 'fr', label: 'Français' },
  portalName: 'Mail portal',
  notGiven: 'Not given',
  nav: { label: 'Portal menu', menu: 'Menu', home: 'Home', history: 'Mail history', documents: 'My documents', password: 'Change password', logout: 'Log out' },
  errorSummary: (n: number) => (n > 1 ? `There are ${n} problems` : 'There is a problem'),
  login: {
    title: 'Log in',
    heading: 'Log in to see your mail',
    intro: 'Use the identifier and password from the letter your organisation gave you.',
    identifier: 'Identifier',
    identifierHint: '8 letters. Capitals, small letters and spaces are all fine.',
    password: 'Password',
    passwordHint: 'First time here? Type the temporary password from the letter.',
    submit: 'Log in',
    forgotten: 'Forgotten your password? Ask your organisation for a new temporary one.',
  },
  refusal: {
    invalid: 'The identifier or password is wrong. Check what you typed and try again.',
    locked: (minutes: number) => `Too many attempts with this identifier. Try again in ${minutes} minute${minutes > 1 ? 's' : ''}.`,
    expired: 'Your temporary password has expired. Ask your organisation for a new one.',
    disabled: 'Your access to the portal has been switched off. Please ask your organisation.',
    portal_off: 'Your organisation has closed its portal. Please ask them.',
  },
  password: {
    rulesHeading: 'Your password must',
    rules: [
      'have at least 12 characters. Spaces and any other characters are fine: a short sentence you can remember works well;',
      'not be a common password that is easy to guess;',
      'not contain your identifier, surname, first name or date of birth;',
    ],
    notTemporary: 'be different from the temporary password.',
    notCurrent: 'be different from your current password.',
    hint: 'At least 12 characters, for example “my blue bike at the market”.',
    next: 'New password',
    confirm: 'Type the new password again',
    current: 'Current password',
    show: 'Show password',
    hide: 'Hide password',
  },
  choose: {
    title: 'Choose your password',
    intro: 'This is your first time here. Choose your own password now: you will use it from now on instead of the temporary one.',
    submit: 'Save my password',
  },
  change: { title: 'Change your password', submit: 'Change password' },
  wordsFor: englishWordsFor,
  flash: {
    loggedOut: 'You have logged out.',
    passwordChosen: 'Your password is saved. Use it next time you log in.',
    passwordChanged: 'Your password has been changed, and you have been logged out on your other devices.',
    noticesPaused: 'Notices are paused. No message will be sent to you.',
    noticesResumed: 'Notices are on again.',
    emailLinkSent: 'A confirmation link was sent to your new address. Open it within 48 hours.',
  },
  notices: noticesEn,
  home: {
    title: 'Home',
    hello: (prenom: string, nom: string) => `Hello ${prenom} ${nom}`,
    mailHeading: 'Your mail',
    noMail: 'There is no mail waiting for you.',
    typeLabel: (type, count) => ({ courrier: 'letter', colis: 'parcel', avis_passage: 'missed delivery notice' })[type] + (count > 1 ? 's' : ''),
    receivedOn: (date: string) => `arrived on ${date}`,
    comment: 'Note from your organisation:',
    collect: 'You can collect it from your organisation during opening hours.',
    avisHint: 'A missed delivery notice means a registered letter or a parcel is waiting for you. Come soon: there is only a short time to collect it.',
    moreItems: 'There is more mail waiting. Ask your organisation for the details.',
    domiciliationHeading: 'Your domiciliation',
    status: 'Status:',
    statusLabels: { instruction: 'application being reviewed', a_valider: 'application being reviewed', valide: 'active domiciliation', refuse: 'application refused', radie: 'domiciliation ended' },
    period: (start: string, end: string) => `It runs from ${start} to ${end}.`,
    soon: (end: string) => `Your domiciliation ends soon, on ${end}. To renew it, contact your organisation before then.`,
    passed: (end: string) => `Your domiciliation ended on ${end}. Contact your organisation as soon as you can to renew it.`,
    radie: 'Your domiciliation has been ended, so you can no longer use your organisation’s address. Contact your organisation to find out what to do next.',
    refuse: 'Your application for domiciliation was refused. Contact your organisation to find out what to do next.',
    pending: 'Your organisation is reviewing your application for domiciliation.',
    addressHeading: 'Your postal address',
    addressIntro: 'Give this address to public services (CAF, health insurance, France Travail…), written exactly like this:',
    addressUnavailable: 'Your domiciliation is not active, so you cannot use your organisation’s address.',
    care: 'chez',
    lastVisitHeading: 'Your last visit',
    lastVisit: (date: string) => `Your last recorded visit was on ${date}.`,
    noVisit: 'No visit recorded yet.',
    reminder: 'Visit or call your organisation at least once every three months. If they do not hear from you for more than three months, they may end your domiciliation.',
    contactHeading: 'Contact your organisation',
    address: 'Address',
    phone: 'Phone',
    email: 'Email',
    hours: 'Opening hours',
    historyLink: 'See all your mail history',
    documentsLink: 'My documents: certificate and papers from your organisation',
  },
  history: {
    title: 'Mail history',
    empty: 'Nothing here yet.',
    caption: 'Your mail, most recent first',
    kinds: {
      reception: 'Mail arrived',
      hand_out: 'Mail collected',
      return_to_sender: 'Returned to sender',
      transfer: 'Forwarded to another address',
      visit: 'Visit to your organisation',
      call: 'Call to your organisation',
    },
    toYou: 'by you',
    toProxy: 'by the person you authorised',
    older: 'Older',
    newest: 'Back to the most recent',
    pagination: 'History pages',
  },
  documents: {
    title: 'My documents',
    attestationHeading: 'Your domiciliation certificate',
    attestationLink: 'Download my domiciliation certificate',
    attestationHint: 'An official PDF (CERFA 16030*01, in French) that proves your domiciliation: give it to public services that ask for it.',
    attestationAtDesk: 'Your domiciliation certificate cannot be made on the portal for now. Please ask for it at your organisation’s desk.',
    attestationNone: 'Your domiciliation certificate will be here once your domiciliation is active.',
    listHeading: 'Documents from your organisation',
    empty: 'Your organisation has not put any document here yet.',
    download: 'Download',
    types: { 'application/pdf': 'PDF', 'image/png': 'PNG image', 'image/jpeg': 'JPEG image' },
    size: (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`),
    added: (date: string) => `added on ${date}`,
  },
  homeNotices: {
    messagesHeading: 'Messages from your organisation',
    mandatesHeading: 'Who can collect your mail',
    proxy: (name: string, end: string) => `${name} can collect your mail for you until ${end} (included).`,
    forwardingHeading: 'Mail forwarding',
    forwarding: (end: string) => `Until ${end} (included), your organisation sends your mail on to this address:`,
  },
  dateTime: (date: string, time: string) => `${date} at ${time}`,
  quote: (text: string) => `“${text}”`,
  errors: {
    title: 'Error',
    back: 'Back to the portal',
    titles: {
      CSRF_INVALID: 'Form expired', NOT_FOUND: 'Page not found', RATE_LIMITED: 'Too many attempts', INVALID_INPUT: 'Something you typed is not valid',
      FOREIGN_ORIGIN: 'Request refused', INVALID_CHARACTERS: 'Characters not accepted', PAYLOAD_TOO_LARGE: 'Too much text sent', UNSUPPORTED_MEDIA_TYPE: 'Form not accepted',
      DATABASE_UNAVAILABLE: 'Service briefly unavailable', STORAGE_FULL: 'Change not saved', DATABASE_STOPPED: 'Service stopped',
    },
    messages: {
      UNAUTHENTICATED: 'Please log in.',
      FORBIDDEN: 'You are not allowed to do this.',
      CSRF_INVALID: 'This form has expired. Reload the page and try again.',
      NOT_FOUND: 'This page does not exist or is no longer available.',
      GONE: 'This document is no longer available.',
      INVALID_INPUT: 'Some of what you typed is not valid.',
      CONFLICT: 'This is no longer possible. Reload the page.',
      RATE_LIMITED: 'Too many attempts. Wait a minute, then try again.',
      INTERNAL: 'Something went wrong. Try again; if it keeps happening, tell your organisation.',
      FOREIGN_ORIGIN: 'This request came from another website, so it was refused. Open the portal directly and try again.',
      INVALID_CHARACTERS: 'The form contains an invisible or unreadable character (a control character, badly encoded text or a line break in a one-line field). Go back, type the text again and try again.',
      PAYLOAD_TOO_LARGE: 'Too much text was sent for this form. Shorten it and try again.',
      UNSUPPORTED_MEDIA_TYPE: 'This form was not sent in a way we accept. Reload the page and send it from your browser.',
      DATABASE_UNAVAILABLE: 'The service is briefly unavailable. Try again in a moment.',
      STORAGE_FULL: 'The server cannot save anything at the moment, so this change was not saved. You can still read your information. Try again later.',
      DATABASE_STOPPED: 'The service has stopped because the server cannot save anything. It will restart by itself: try again in a moment.',
    },
  },
};

export const texts: Record<Lang, Texts> = { fr, en };
