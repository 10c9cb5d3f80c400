import type { FastifyReply } from 'fastify';
import { InvalidInput, type Problem, type WordsFor } from '../../shared/errors.ts';

/**
 * The largest body a form route accepts (decision 0020): the longest form filled to every
 * maximum length with accented letters stays well below it. Routes that take files or imports
 * set their own `bodyLimit`.
 */
export const FORM_BODY_LIMIT = 64 * 1024;

/** JSON-schema pieces for form routes: shapes and lengths here, meaning in the service. */
export const text = (maxLength = 200) => ({ type: 'string', maxLength });

/**
 * A whole number within bounds. Ajv turns the text « Infinity » (or 1e400) into Infinity and then
 * skips `minimum`/`maximum` for numbers that are not finite: `not` closes that door.
 */
export const integer = (minimum: number, maximum: number) => ({ type: 'integer', minimum, maximum, not: { enum: [Infinity, -Infinity] } });

// Schemas made by `multiline`, so that the input rule can let tabs and line breaks through them only.
const multilineSchemas = new WeakSet<object>();

/** A textarea: the only kind of field where tabs and line breaks are accepted. */
export function multiline(maxLength: number) {
  const schema = text(maxLength);
  multilineSchemas.add(schema);
  return schema;
}

export function isMultiline(fieldSchema: unknown): boolean {
  return typeof fieldSchema === 'object' && fieldSchema !== null && multilineSchemas.has(fieldSchema);
}

export function formSchema(fields: Record<string, object>, required: string[] = Object.keys(fields)) {
  return { body: { type: 'object', properties: { _csrf: text(), ...fields }, required } };
}

export const idParams = { params: { type: 'object', properties: { id: { type: 'string', format: 'uuid' } }, required: ['id'] } };

/**
 * Each refused field's problem in the words of the application's dictionary. An application's
 * services throw only problems of its dictionary's union, which `wordsFor` covers exhaustively.
 */
export function fieldWords<P extends Problem>(error: InvalidInput, wordsFor: WordsFor<P>): Record<string, string> {
  return Object.fromEntries(Object.entries(error.fields).map(([field, problem]) => [field, wordsFor(problem as P)]));
}

/** Runs a form action; when the service refused the input, shows the form again with its errors in the application's words. */
export async function withFormErrors<P extends Problem>(
  action: () => Promise<FastifyReply>,
  showErrors: (errors: Record<string, string>) => FastifyReply | Promise<FastifyReply>,
  wordsFor: WordsFor<P>,
) {
  try {
    return await action();
  } catch (error) {
    if (error instanceof InvalidInput) return showErrors(fieldWords(error, wordsFor));
    throw error;
  }
}
