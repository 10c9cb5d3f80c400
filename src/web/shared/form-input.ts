import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors.ts';
import { isMultiline } from './forms.ts';
import { forbiddenCharacters } from '../../shared/characters.ts';

/**
 * One rule at the edge for every text a request brings (body, query string, path), applied
 * before any schema, handler or SQL sees it (decision 0020):
 * - a body or query string that is not valid UTF-8, or whose percent-encoding is broken, is refused;
 * - control characters (NUL included: PostgreSQL refuses it) are refused; tabs and line breaks are
 *   accepted in multi-line fields only; U+FFFD, non-characters and lone surrogates are refused;
 * - invisible marks (zero-width spaces, direction marks, soft hyphens, BOM) are removed.
 * Only forms (application/x-www-form-urlencoded, in UTF-8) are accepted as bodies.
 */

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const tabsAndLineBreaks = /[\t\n\r]/;
// Pasted with names from web pages or office files, they make equal names differ for search and duplicates.
const invisibleMarks = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

export type FormValues = Record<string, string | string[]>;

/** The text as it may be kept, or INVALID_CHARACTERS. */
export function cleanText(value: string, multiline: boolean): string {
  if (forbiddenCharacters.test(value) || (!multiline && tabsAndLineBreaks.test(value))) throw new AppError('INVALID_CHARACTERS');
  return value.replace(invisibleMarks, '');
}

function decodeComponent(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    // Broken percent-encoding (%ZZ, a lone %) or encoded bytes that are not UTF-8 (%FF, %C3%28).
    throw new AppError('INVALID_CHARACTERS');
  }
}

/** Parses `a=1&b=2&b=3` strictly; a repeated name gives an array, as browsers send checkboxes. */
export function parseUrlEncoded(text: string): FormValues {
  const form: FormValues = Object.create(null);
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const name = decodeComponent(equals === -1 ? pair : pair.slice(0, equals));
    const value = equals === -1 ? '' : decodeComponent(pair.slice(equals + 1));
    const previous = form[name];
    if (previous === undefined) form[name] = value;
    else if (Array.isArray(previous)) previous.push(value);
    else form[name] = [previous, value];
  }
  return form;
}

function formBodyFromBuffer(contentType: string | undefined, body: Buffer): FormValues {
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(contentType ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  let text: string;
  try {
    text = strictUtf8.decode(body);
  } catch {
    throw new AppError('INVALID_CHARACTERS');
  }
  return parseUrlEncoded(text);
}

type SchemaProperties = Record<string, { items?: unknown } | undefined>;

function cleanValues(values: Record<string, unknown>, properties: SchemaProperties = {}): FormValues {
  const clean: FormValues = Object.create(null);
  for (const [name, value] of Object.entries(values)) {
    const field = Object.hasOwn(properties, name) ? properties[name] : undefined;
    const multiline = isMultiline(field) || isMultiline(field?.items);
    const key = cleanText(name, false);
    if (typeof value === 'string') clean[key] = cleanText(value, multiline);
    else if (Array.isArray(value)) clean[key] = value.map((item) => cleanText(String(item), multiline));
    else throw new AppError('INVALID_INPUT');
  }
  return clean;
}

function bodyProperties(request: FastifyRequest): SchemaProperties | undefined {
  const schema = request.routeOptions.schema as { body?: { properties?: SchemaProperties } } | undefined;
  return schema?.body?.properties;
}

// Forms parsed here have no prototype, like fast-querystring's: nothing to inherit from Object.
const isParsedForm = (body: unknown): body is FormValues => typeof body === 'object' && body !== null && Object.getPrototypeOf(body) === null;

const bodyMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function registerFormInput(app: FastifyInstance) {
  // JSON and plain text are fastify's defaults; no page of this application sends them.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer' }, (request, body, done) => {
    try {
      done(null, formBodyFromBuffer(request.headers['content-type'], body as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  app.addHook('preValidation', async (request) => {
    const question = request.url.indexOf('?');
    request.query = cleanValues(question === -1 ? {} : parseUrlEncoded(request.url.slice(question + 1)));
    request.params = cleanValues((request.params ?? {}) as Record<string, unknown>);
    if (!bodyMethods.has(request.method)) return;
    // A POST without a body is an empty form: handlers and schemas always get an object. A route
    // that adds another body type (an upload, an import) checks its content itself.
    if (request.body === undefined || request.body === null) request.body = Object.create(null);
    if (isParsedForm(request.body)) request.body = cleanValues(request.body, bodyProperties(request));
  });
}
