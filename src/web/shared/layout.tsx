import type { ComponentChildren } from 'preact';
import { allowed } from '../../shared/roles.ts';
import { roleLabels } from '../../shared/roles.ts';
import { Flash, PostButton } from './components.tsx';
import type { PageContext } from './render.tsx';

type NavLink = { href: string; label: string; roles: readonly string[] };

const staffNav: NavLink[] = [
  { href: '/accueil', label: 'Accueil', roles: allowed.everyone },
  { href: '/domicilies', label: 'Domiciliés', roles: allowed.everyone },
  { href: '/comptes-portail', label: 'Comptes du portail', roles: allowed.deciders },
  { href: '/structure', label: 'Ma structure', roles: allowed.everyone },
  { href: '/utilisateurs', label: 'Utilisateurs', roles: allowed.admins },
];

export function Document({ title, lang = 'fr', children }: { title: string; lang?: string; children: ComponentChildren }) {
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <link rel="stylesheet" href="/static/app.css" />
        <link rel="icon" href="data:," />
      </head>
      <body>
        <a class="skip-link" href="#contenu">
          {lang === 'en' ? 'Skip to content' : 'Aller au contenu'}
        </a>
        {children}
      </body>
    </html>
  );
}

/** Every staff page: header with the navigation of the role, then the page's content. */
export function StaffLayout({ ctx, title, children, scripts = [] }: { ctx: PageContext; title: string; children: ComponentChildren; scripts?: string[] }) {
  const staff = ctx.staff;
  return (
    <Document title={`${title} – Domiciliation`}>
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
        <Flash message={ctx.flash} />
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
