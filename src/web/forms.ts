import type { FastifyReply } from 'fastify';
import { InvalidInput } from '../shared/errors.ts';

/** JSON-schema pieces for form routes: shapes and lengths here, meaning in the service. */
export const text = (maxLength = 200) => ({ type: 'string', maxLength });

export function formSchema(fields: Record<string, object>, required: string[] = Object.keys(fields)) {
  return { body: { type: 'object', properties: { _csrf: text(), ...fields }, required } };
}

export const idParams = { params: { type: 'object', properties: { id: { type: 'string', format: 'uuid' } }, required: ['id'] } };

/** Runs a form action; when the service refused the input, shows the form again with its errors. */
export async function withFormErrors(action: () => Promise<FastifyReply>, showErrors: (errors: Record<string, string>) => FastifyReply | Promise<FastifyReply>) {
  try {
    return await action();
  } catch (error) {
    if (error instanceof InvalidInput) return showErrors(error.fields);
    throw error;
  }
}
