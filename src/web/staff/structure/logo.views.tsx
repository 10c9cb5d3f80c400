import { ConfirmAction, CsrfField, ErrorSummary } from '../../shared/components.tsx';
import { LOGO_MAX_BYTES, type LogoSummary } from '../../../domain/structures/logo.service.ts';
import { formatDay } from '../../../shared/dates.ts';
import { FlashHere } from '../staff-layout.tsx';
import type { PageContext } from '../staff-context.ts';

export const LOGO_URL = '/structure/logo';

/** The logo form sent back with its error. */
export type LogoForm = { error: string };

const kilobytes = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('fr-FR')} Ko`;
const formatName = (summary: LogoSummary) => (summary.content_type === 'image/png' ? 'PNG' : 'JPEG');

function Preview({ logo, timezone }: { logo: LogoSummary; timezone: string | undefined }) {
  return (
    <figure class="logo-preview">
      {/* The time of the upload in the address: a replaced logo is never shown from a cache. */}
      <img src={`${LOGO_URL}?v=${logo.uploaded_at.getTime()}`} alt="Logo de la structure, tel qu'il figure sur les courriers" />
      <figcaption>
        Image {formatName(logo)} de {logo.width} × {logo.height} pixels, {kilobytes(logo.size)}, envoyée le {formatDay(logo.uploaded_at, timezone)}.
      </figcaption>
    </figure>
  );
}

function UploadForm({ ctx, replacing, form }: { ctx: PageContext; replacing: boolean; form?: LogoForm }) {
  const errors = form ? { logo: form.error } : undefined;
  return (
    <form method="post" action={LOGO_URL} enctype="multipart/form-data" class="panel">
      <CsrfField token={ctx.csrfToken} />
      <ErrorSummary errors={errors} />
      <div class={form ? 'field field-error' : 'field'}>
        <label for="logo">{replacing ? 'Nouveau logo' : 'Logo'}</label>
        <p class="hint" id="logo-hint">
          Une image PNG ou JPEG de {LOGO_MAX_BYTES / 1024 / 1024} Mo au plus. Elle est imprimée en haut des courriers, sur une largeur de 6 cm environ.
        </p>
        {form ? (
          <p class="error" id="logo-error">
            {form.error}
          </p>
        ) : null}
        <input
          type="file"
          id="logo"
          name="logo"
          accept="image/png,image/jpeg"
          required
          aria-describedby={form ? 'logo-hint logo-error' : 'logo-hint'}
          aria-invalid={form ? 'true' : undefined}
        />
      </div>
      <button type="submit">{replacing ? 'Remplacer le logo' : 'Enregistrer le logo'}</button>
    </form>
  );
}

/** « Logo des courriers »: the preview for everyone; sending, replacing and removing it for an administrateur. */
export function LogoSection({ ctx, logo, isAdmin, form }: { ctx: PageContext; logo: LogoSummary | null; isAdmin: boolean; form?: LogoForm }) {
  return (
    <section aria-labelledby="logo-titre">
      <h2 id="logo-titre">Logo des courriers</h2>
      <FlashHere ctx={ctx} place="logo-titre" />
      {logo ? <Preview logo={logo} timezone={ctx.staff?.timezone} /> : <p>Aucun logo : les courriers commencent par le nom et l'adresse de la structure.</p>}
      {isAdmin ? (
        <>
          <UploadForm ctx={ctx} replacing={logo !== null} form={form} />
          {logo ? (
            <ConfirmAction
              action={`${LOGO_URL}/supprimer`}
              csrfToken={ctx.csrfToken}
              hidden={{ confirmation: 'oui' }}
              opener="Supprimer le logo…"
              question="Supprimer le logo de la structure ? Les prochains courriers n'auront plus de logo ; ceux déjà imprimés ne changent pas."
              confirm="Oui, supprimer le logo"
            />
          ) : null}
        </>
      ) : (
        <p>Seul un administrateur de la structure peut changer le logo.</p>
      )}
    </section>
  );
}
