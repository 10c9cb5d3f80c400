import type { ComponentChildren } from 'preact';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { allowed, roleLabels } from '../../shared/roles.ts';
import { errorCatalogue, type ErrorCode, type Problem } from '../../shared/errors.ts';
import { Flash, PostButton } from '../shared/components.tsx';
import { Document } from '../shared/layout.tsx';
import { sendPage } from '../shared/render.tsx';
import { pageContext, type PageContext } from './staff-context.ts';
import { errorWords } from './staff.words.ts';

type NavLink = { href: string; label: string; roles: readonly string[] };

const staffNav: NavLink[] = [
  { href: '/accueil', label: 'Accueil', roles: allowed.everyone },
  { href: '/domicilies', label: 'Domiciliés', roles: allowed.everyone },
  { href: '/comptes-portail', label: 'Comptes du portail', roles: allowed.deciders },
  { href: '/statistiques', label: 'Statistiques', roles: allowed.deciders },
  { href: '/structure', label: 'Ma structure', roles: allowed.everyone },
  { href: '/utilisateurs', label: 'Utilisateurs', roles: allowed.admins },
];

/** The flash message of an action done in the part `place` of the page, shown there. */
export function FlashHere({ ctx, place }: { ctx: PageContext; place: string }) {
  return ctx.flashPlace === place ? <Flash message={ctx.flash} /> : null;
}

/** Every staff page: header with the navigation of the role, then the page's content. */
export function StaffLayout(props: { ctx: PageContext; title: string; children: ComponentChildren; scripts?: string[]; refreshSeconds?: number }) {
  const { ctx, title, children, scripts = [], refreshSeconds } = props;
  const staff = ctx.staff;
  return (
    <Document title={`${title} – Domiciliation`} refreshSeconds={refreshSeconds}>
      <header class="site-header">
        <div class="brand">
          <a href="/">Domiciliation</a>
          {staff ? <span class="structure-name">{staff.structureName}</span> : null}
        </div>
        {staff ? (
          <nav aria-label="Navigation principale">
            <ul>
              {staffNav
                .filter((link) => link.roles.includes(staff.role))
                .map((link) => (
                  <li key={link.href}>
                    <a href={link.href} aria-current={ctx.path === link.href || ctx.path.startsWith(`${link.href}/`) ? 'page' : undefined}>
                      {link.label}
                    </a>
                  </li>
                ))}
            </ul>
            <div class="account">
              <a href="/mot-de-passe">
                {staff.prenom} {staff.nom} ({roleLabels[staff.role]})
              </a>
              <PostButton action="/deconnexion" csrfToken={ctx.csrfToken} label="Se déconnecter" class="button-link" />
            </div>
          </nav>
        ) : null}
      </header>
      <main id="contenu" tabIndex={-1}>
        {ctx.flashPlace === null ? <Flash message={ctx.flash} /> : null}
        {children}
      </main>
      {scripts.map((src) => (
        <script key={src} type="module" src={src} />
      ))}
    </Document>
  );
}

export function ErrorPage({ ctx, title, message, home }: { ctx: PageContext; title: string; message: string; home: string }) {
  return (
    <StaffLayout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href={home}>Revenir à l'accueil</a>
      </p>
    </StaffLayout>
  );
}

const errorTitles: Partial<Record<ErrorCode, string>> = {
  FORBIDDEN: 'Action non autorisée',
  CSRF_INVALID: 'Formulaire expiré',
  FOREIGN_ORIGIN: 'Demande refusée',
  INVALID_CHARACTERS: 'Caractères non acceptés',
  PAYLOAD_TOO_LARGE: 'Envoi trop volumineux',
  UNSUPPORTED_MEDIA_TYPE: 'Envoi non accepté',
  NOT_FOUND: 'Page introuvable',
  GONE: 'Document plus disponible',
  INVALID_INPUT: 'Saisie incorrecte',
  CONFLICT: 'La fiche a changé',
  RATE_LIMITED: 'Trop de tentatives',
  DATABASE_UNAVAILABLE: 'Service momentanément indisponible',
  STORAGE_FULL: 'Disque plein',
  DATABASE_STOPPED: 'Base de données arrêtée',
  INTERNAL: 'Erreur inattendue',
};

/** An error as a staff page: the staff layout, a French title, a way back. */
export function staffErrorPage(request: FastifyRequest, reply: FastifyReply, code: ErrorCode, problem?: Problem): FastifyReply {
  request.staff ??= null;
  const home = request.staff ? '/accueil' : '/connexion';
  return sendPage(reply, <ErrorPage ctx={pageContext(request)} title={errorTitles[code] ?? 'Erreur'} message={errorWords(code, problem)} home={home} />, errorCatalogue[code].status);
}
