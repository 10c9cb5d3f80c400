import type { ErrorCode } from '../../shared/errors.ts';
import type { PasswordProblem } from '../../shared/password-policy.ts';

/**
 * What each error code says in French, for the staff application and the portal in French
 * (decision 0027). A problem thrown with the error has its own words in the application's
 * dictionary; these are said when the code alone tells what happened.
 */
export const frenchErrorMessages: Record<ErrorCode, string> = {
  UNAUTHENTICATED: 'Veuillez vous connecter.',
  FORBIDDEN: "Vous n'avez pas le droit de faire cette action.",
  CSRF_INVALID: 'Ce formulaire a expiré. Rechargez la page puis recommencez.',
  FOREIGN_ORIGIN: "Cette demande a été envoyée depuis un autre site que l'application : elle a été refusée. Ouvrez l'application directement puis recommencez.",
  INVALID_CHARACTERS:
    'Le formulaire contient un caractère invisible ou illisible (caractère de contrôle, octet nul, texte mal encodé ou retour à la ligne dans un champ d’une seule ligne). Revenez en arrière, retapez le texte concerné puis recommencez.',
  PAYLOAD_TOO_LARGE: 'Les informations envoyées sont trop volumineuses pour ce formulaire. Raccourcissez les textes saisis puis recommencez.',
  UNSUPPORTED_MEDIA_TYPE: "Ce formulaire n'a pas été envoyé sous une forme acceptée. Rechargez la page puis envoyez-le depuis le navigateur.",
  NOT_FOUND: "Cette page n'existe pas ou n'est plus disponible.",
  GONE: "Ce document n'est plus disponible.",
  INVALID_INPUT: 'Certaines informations saisies ne sont pas valides.',
  CONFLICT: "Cette action n'est plus possible : la fiche a changé entre-temps. Rechargez la page.",
  RATE_LIMITED: 'Trop de tentatives. Patientez une minute puis réessayez.',
  DATABASE_UNAVAILABLE: 'Service momentanément indisponible, réessayez dans un instant.',
  STORAGE_FULL:
    "Le disque du serveur est plein ou protégé en écriture : cette modification n'a pas été enregistrée. Vous pouvez continuer à consulter les informations. Prévenez votre administrateur pour qu'il libère de la place, puis recommencez.",
  DATABASE_STOPPED:
    "La base de données s'est arrêtée : le disque du serveur est plein ou protégé en écriture. Elle repart d'elle-même dès que de la place est libérée. Prévenez votre administrateur, puis réessayez dans un instant.",
  INTERNAL: 'Une erreur inattendue est survenue. Réessayez ; si cela continue, prévenez votre administrateur.',
};

/** A refused password in French, for staff accounts and the portal alike (shared/password-policy.ts). */
export function frenchPasswordWords(problem: PasswordProblem): string {
  switch (problem.code) {
    case 'mot_de_passe_trop_court':
      return `Le mot de passe doit contenir au moins ${problem.min} caractères (il en contient ${problem.length}).`;
    case 'mot_de_passe_trop_long':
      return `Le mot de passe doit contenir au plus ${problem.max} caractères.`;
    case 'mot_de_passe_courant':
      return 'Ce mot de passe est trop courant et facile à deviner. Choisissez-en un autre.';
    case 'mot_de_passe_personnel':
      return 'Le mot de passe ne doit pas contenir vos informations personnelles (identifiant, nom, date de naissance…).';
    case 'confirmation_differente':
      return 'Les deux mots de passe saisis ne sont pas identiques.';
    case 'mot_de_passe_actuel_incorrect':
      return 'Le mot de passe actuel est incorrect.';
  }
}
