import type { ComponentChildren } from 'preact';

/** The HTML shell of every page, staff and portal alike. */
export function Document({ title, lang = 'fr', refreshSeconds, children }: { title: string; lang?: string; refreshSeconds?: number; children: ComponentChildren }) {
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* A page following work in progress reloads itself, without JavaScript. */}
        {refreshSeconds ? <meta http-equiv="refresh" content={String(refreshSeconds)} /> : null}
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
