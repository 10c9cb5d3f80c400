/** Every error a person may meet, with its HTTP status and plain-French message. */
export const errorCatalogue = {
  UNAUTHENTICATED: { status: 401, message: 'Veuillez vous connecter.' },
  FORBIDDEN: { status: 403, message: "Vous n'avez pas le droit de faire cette action." },
  CSRF_INVALID: { status: 403, message: 'Ce formulaire a expiré. Rechargez la page puis recommencez.' },
  FOREIGN_ORIGIN: { status: 403, message: "Cette demande a été envoyée depuis un autre site que l'application : elle a été refusée. Ouvrez l'application directement puis recommencez." },
  INVALID_CHARACTERS: {
    status: 400,
    message: 'Le formulaire contient un caractère invisible ou illisible (caractère de contrôle, octet nul, texte mal encodé ou retour à la ligne dans un champ d’une seule ligne). Revenez en arrière, retapez le texte concerné puis recommencez.',
  },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'Les informations envoyées sont trop volumineuses pour ce formulaire. Raccourcissez les textes saisis puis recommencez.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: "Ce formulaire n'a pas été envoyé sous une forme acceptée. Rechargez la page puis envoyez-le depuis le navigateur." },
  NOT_FOUND: { status: 404, message: "Cette page n'existe pas ou n'est plus disponible." },
  GONE: { status: 410, message: "Ce document n'est plus disponible." },
  INVALID_INPUT: { status: 400, message: 'Certaines informations saisies ne sont pas valides.' },
  CONFLICT: { status: 409, message: "Cette action n'est plus possible : la fiche a changé entre-temps. Rechargez la page." },
  RATE_LIMITED: { status: 429, message: 'Trop de tentatives. Patientez une minute puis réessayez.' },
  DATABASE_UNAVAILABLE: { status: 503, message: 'Service momentanément indisponible, réessayez dans un instant.' },
  STORAGE_FULL: {
    status: 507,
    message: "Le disque du serveur est plein ou protégé en écriture : cette modification n'a pas été enregistrée. Vous pouvez continuer à consulter les informations. Prévenez votre administrateur pour qu'il libère de la place, puis recommencez.",
  },
  DATABASE_STOPPED: {
    status: 503,
    message: "La base de données s'est arrêtée : le disque du serveur est plein ou protégé en écriture. Elle repart d'elle-même dès que de la place est libérée. Prévenez votre administrateur, puis réessayez dans un instant.",
  },
  INTERNAL: { status: 500, message: 'Une erreur inattendue est survenue. Réessayez ; si cela continue, prévenez votre administrateur.' },
} as const;

export type ErrorCode = keyof typeof errorCatalogue;

/**
 * What is wrong, as data: a code and its parameters (a date as an ISO string, a count), never
 * words. Each module lists its own as a union; each web application words them with its
 * dictionary (decision 0027).
 */
export type Problem = { readonly code: string };

/** How an application words the problems it may meet: one exhaustive switch in its dictionary. */
export type WordsFor<P extends Problem> = (problem: P) => string;

export class AppError<P extends Problem = Problem> extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    /** What exactly is wrong, when the code alone does not say it. */
    readonly problem?: P,
  ) {
    // Codes only: this message goes to the logs, never to a person.
    super(problem ? `${code}: ${problem.code}` : code);
    this.status = errorCatalogue[code].status;
  }
}

/** Bad input, with one problem per form field so the form can be shown again with its words. */
export class InvalidInput<P extends Problem = Problem> extends AppError {
  constructor(readonly fields: Readonly<Record<string, P>>) {
    super('INVALID_INPUT');
  }
}
