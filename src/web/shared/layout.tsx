import type { ComponentChildren } from 'preact';

/** The HTML shell of every page, staff and portal alike. */
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
