import type { ComponentChildren } from 'preact';
import { Document } from '../shared/layout.tsx';
import { CsrfField, ErrorSummary, Flash } from '../shared/components.tsx';
import type { PortalPageContext } from './portal-context.ts';
import type { PortalActor } from '../../domain/portal/portal.service.ts';

/** The link to the same page in the other language, through /portail/langue. */
function LanguageSwitch({ ctx }: { ctx: PortalPageContext }) {
  const target = ctx.t.switchTo;
  const href = `/portail/langue?l=${target.lang}&retour=${encodeURIComponent(ctx.url)}`;
  return (
    <a class="portal-lang" href={href} lang={target.lang} hreflang={target.lang}>
      {target.label}
    </a>
  );
}

/**
 * The pages and « Se déconnecter » behind one « Menu »: a <details> opens without JavaScript and
 * keeps the header to one line on a phone.
 */
function PortalMenu({ ctx, actor }: { ctx: PortalPageContext; actor: PortalActor }) {
  const { t } = ctx;
  const path = ctx.url.split('?')[0];
  const links = actor.mustChoosePassword
    ? []
    : [
        { href: '/portail', label: t.nav.home },
        { href: '/portail/historique', label: t.nav.history },
        { href: '/portail/documents', label: t.nav.documents },
        { href: '/portail/mot-de-passe', label: t.nav.password },
      ];
  return (
    <details class="portal-menu">
      <summary>{t.nav.menu}</summary>
      <nav aria-label={t.nav.label}>
        <ul>
          {links.map((link) => (
            <li key={link.href}>
              <a href={link.href} aria-current={path === link.href ? 'page' : undefined}>
                {link.label}
              </a>
            </li>
          ))}
          <li>
            <form method="post" action="/portail/deconnexion" class="inline-form">
              <CsrfField token={ctx.csrfToken} />
              <button type="submit" class="button-link">
                {t.nav.logout}
              </button>
            </form>
          </li>
        </ul>
      </nav>
    </details>
  );
}

/**
 * Every portal page: one header line (the person's structure, or the portal before login; the menu;
 * the language), then the content. `scripts` are small ES modules the page works without.
 */
export function PortalLayout({ ctx, title, children, scripts = [] }: { ctx: PortalPageContext; title: string; children: ComponentChildren; scripts?: string[] }) {
  return (
    <Document title={`${title} – ${ctx.t.portalName}`} lang={ctx.lang}>
      <header class="site-header portal-header">
        <div class="portal-bar">
          <a class="portal-home" href="/portail">
            {ctx.actor ? ctx.actor.structureName : ctx.t.portalName}
          </a>
          {ctx.actor ? <PortalMenu ctx={ctx} actor={ctx.actor} /> : null}
          <LanguageSwitch ctx={ctx} />
        </div>
      </header>
      <main id="contenu" tabIndex={-1} class="portal-main">
        <Flash message={ctx.flash} />
        {children}
      </main>
      {scripts.map((src) => (
        <script key={src} type="module" src={src} />
      ))}
    </Document>
  );
}

export function PortalErrorPage({ ctx, title, message }: { ctx: PortalPageContext; title: string; message: string }) {
  return (
    <PortalLayout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href="/portail">{ctx.t.errors.back}</a>
      </p>
    </PortalLayout>
  );
}

/** The problems at the top of a form, in the page's language. */
export function PortalErrorSummary({ ctx, errors }: { ctx: PortalPageContext; errors?: Record<string, string> }) {
  return <ErrorSummary errors={errors} heading={ctx.t.errorSummary} />;
}
