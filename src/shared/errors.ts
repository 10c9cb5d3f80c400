/** Every error a person may meet, with its HTTP status and plain-French message. */
export const errorCatalogue = {
  UNAUTHENTICATED: { status: 401, message: 'Veuillez vous connecter.' },
  FORBIDDEN: { status: 403, message: "Vous n'avez pas le droit de faire cette action." },
  CSRF_INVALID: { status: 403, message: 'Ce formulaire a expiré. Rechargez la page puis recommencez.' },
  NOT_FOUND: { status: 404, message: "Cette page n'existe pas ou n'est plus disponible." },
  INVALID_INPUT: { status: 400, message: 'Certaines informations saisies ne sont pas valides.' },
  CONFLICT: { status: 409, message: "Cette action n'est plus possible : la fiche a changé entre-temps. Rechargez la page." },
  RATE_LIMITED: { status: 429, message: 'Trop de tentatives. Patientez une minute puis réessayez.' },
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
