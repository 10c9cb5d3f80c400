import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, type Problem } from '../../shared/errors.ts';
import { checkCsrfToken, isMultipart } from './csrf.ts';

export type UploadLimits = {
  /** The largest file the route keeps; it receives one byte more, to tell that a file was heavier. */
  maxFileBytes: number;
  /** The largest request read at all, file and fields together: beyond it nothing is read. */
  maxRequestBytes: number;
  /** What the error page says of a request beyond `maxRequestBytes`, in the application's words. */
  tooLarge: Problem;
  /** Who may send a file there, checked before a byte of the body is read (throws when refused). */
  authorize: (request: FastifyRequest) => void;
};

const fileNames = new WeakMap<FastifyRequest, string>();

/** The name the browser gave the uploaded file (untrusted: shown and stored only once cleaned). */
export const uploadedFileName = (request: FastifyRequest): string | undefined => fileNames.get(request);

/**
 * Makes `scope` (a plugin registered for the routes that take a file, and only those) accept
 * a multipart form with one file: the body comes as `{ field: string, file: Buffer }`. Before
 * anything is read: the request's Origin, as for every POST (csrf.ts), then who sends it (an
 * anonymous or unauthorised request never makes the server hold a file), then the size the
 * browser announces. The CSRF token, which travels inside the multipart body, once the body is
 * read, before the route's handler.
 */
export async function acceptUploads(scope: FastifyInstance, limits: UploadLimits) {
  scope.addHook('onRoute', (route) => {
    route.config = { ...(route.config ?? {}), upload: true };
  });
  scope.addHook('onRequest', async (request) => {
    if (!isMultipart(request)) return;
    limits.authorize(request);
    // Browsers always announce the length of a form; a request without one is not read.
    const length = Number(request.headers['content-length']);
    if (!Number.isSafeInteger(length) || length > limits.maxRequestBytes) throw new AppError<Problem>('PAYLOAD_TOO_LARGE', limits.tooLarge);
  });
  await scope.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    // The body keeps only the bytes; the name is kept aside for the routes that show it.
    async onFile(this: FastifyRequest, part: { filename: string; toBuffer(): Promise<Buffer> }) {
      fileNames.set(this, part.filename);
      await part.toBuffer();
    },
    limits: { fileSize: limits.maxFileBytes + 1, files: 1, fields: 4, fieldSize: 1024, parts: 5, headerPairs: 20 },
  });
  // Added after the plugin's own hook, so it runs once the body is read.
  scope.addHook('preValidation', async (request) => {
    if (isMultipart(request)) checkCsrfToken(request);
  });
}
