import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren, VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { StaffActor } from '../../domain/actor.ts';

/** What every page needs from the request. */
export type PageContext = {
  csrfToken: string;
  staff: StaffActor | null;
  flash: string | null;
  path: string;
};

export function pageContext(request: FastifyRequest): PageContext {
  return { csrfToken: request.csrfToken, staff: request.staff, flash: request.flash, path: request.url.split('?')[0]! };
}

/** Pages show personal data: never let a shared computer's cache keep them. */
export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(`<!doctype html>${renderToString(page)}`);
}

/** A fragment for progressive enhancement (no layout). */
export function sendFragment(reply: FastifyReply, fragment: VNode): FastifyReply {
  return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(renderToString(fragment));
}

export type WithChildren = { children?: ComponentChildren };
