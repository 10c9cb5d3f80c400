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

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
  ) {
    super(message ?? errorCatalogue[code].message);
    this.status = errorCatalogue[code].status;
  }
}

/** Bad input, with one message per form field so the form can be shown again. */
export class InvalidInput extends AppError {
  constructor(readonly fields: Record<string, string>) {
    super('INVALID_INPUT');
  }
}
