/** Every error a person may meet, with its HTTP status; each application words it (decision 0027). */
export const errorCatalogue = {
  UNAUTHENTICATED: { status: 401 },
  FORBIDDEN: { status: 403 },
  CSRF_INVALID: { status: 403 },
  FOREIGN_ORIGIN: { status: 403 },
  INVALID_CHARACTERS: { status: 400 },
  PAYLOAD_TOO_LARGE: { status: 413 },
  UNSUPPORTED_MEDIA_TYPE: { status: 415 },
  NOT_FOUND: { status: 404 },
  GONE: { status: 410 },
  INVALID_INPUT: { status: 400 },
  CONFLICT: { status: 409 },
  RATE_LIMITED: { status: 429 },
  DATABASE_UNAVAILABLE: { status: 503 },
  STORAGE_FULL: { status: 507 },
  DATABASE_STOPPED: { status: 503 },
  INTERNAL: { status: 500 },
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
