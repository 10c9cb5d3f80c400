import type { ComponentChildren } from 'preact';
import { Document } from '../shared/layout.tsx';
import { CsrfField, ErrorSummary, Flash } from '../shared/components.tsx';
import type { PortalPageContext } from './portal-context.ts';

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

function PortalNav({ ctx }: { ctx: PortalPageContext }) {
  const { t, actor } = ctx;
  if (!actor) return null;
  const path = ctx.url.split('?')[0];
  const links = actor.mustChoosePassword
    ? []
    : [
        { href: '/portail', label: t.nav.home },
        { href: '/portail/historique', label: t.nav.history },
        { href: '/portail/mot-de-passe', label: t.nav.password },
      ];
  return (
    <nav aria-label={t.nav.label} class="portal-nav">
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
  );
}

/** Every portal page: small header (name, structure, language), menu when logged in, content. */
export function PortalLayout({ ctx, title, children }: { ctx: PortalPageContext; title: string; children: ComponentChildren }) {
  return (
    <Document title={`${title} – ${ctx.t.portalName}`} lang={ctx.lang}>
      <header class="site-header portal-header">
        <div class="brand">
          <a href="/portail">{ctx.t.portalName}</a>
          <LanguageSwitch ctx={ctx} />
        </div>
        {ctx.actor ? <p class="portal-structure">{ctx.actor.structureName}</p> : null}
        <PortalNav ctx={ctx} />
      </header>
      <main id="contenu" tabIndex={-1} class="portal-main">
        <Flash message={ctx.flash} />
        {children}
      </main>
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
