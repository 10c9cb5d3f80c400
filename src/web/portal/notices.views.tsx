import { formatDay, formatTime } from '../../shared/dates.ts';
import type { NoticeSettings } from '../../domain/notification-preferences/preferences.service.ts';
import { CsrfField, Field } from '../shared/components.tsx';
import type { PortalPageContext } from './portal-context.ts';
import { PortalErrorSummary, PortalLayout } from './portal-layout.tsx';

export const NOTICES_PATH = '/portail/avis';

function Channels({ ctx, settings, timezone }: { ctx: PortalPageContext; settings: NoticeSettings; timezone: string }) {
  const t = ctx.t.notices;
  const lines = [
    settings.notify_email_consent_at && settings.email ? t.byEmail(settings.email, formatDay(settings.notify_email_consent_at, timezone)) : null,
    settings.notify_sms_consent_at && settings.phone ? t.bySms(settings.phone, formatDay(settings.notify_sms_consent_at, timezone)) : null,
  ].filter((line) => line !== null);
  return (
    <section aria-labelledby="avis-moyens">
      <h2 id="avis-moyens">{t.channelsHeading}</h2>
      {lines.length === 0 ? (
        <p>{t.noChannel}</p>
      ) : (
        <ul>
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function PauseSwitch({ ctx, settings, timezone }: { ctx: PortalPageContext; settings: NoticeSettings; timezone: string }) {
  const t = ctx.t.notices;
  const paused = settings.notify_paused_at !== null;
  return (
    <section aria-labelledby="avis-pause">
      <h2 id="avis-pause">{t.switchHeading}</h2>
      <p class={paused ? 'warning' : undefined}>{paused ? t.off(formatDay(settings.notify_paused_at, timezone)) : t.on}</p>
      <form method="post" action={`${NOTICES_PATH}/pause`}>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="avis" value={paused ? 'on' : 'off'} />
        {paused ? null : <p class="hint">{t.turnOffHint}</p>}
        <button type="submit" class={paused ? undefined : 'button-secondary'}>
          {paused ? t.turnOn : t.turnOff}
        </button>
      </form>
    </section>
  );
}

type EmailChangeProps = { ctx: PortalPageContext; settings: NoticeSettings; timezone: string; available: boolean; errors?: Record<string, string>; typed?: string };

function EmailChange({ ctx, settings, timezone, available, errors, typed }: EmailChangeProps) {
  const t = ctx.t.notices;
  const waiting = settings.waitingRequest;
  if (!available) {
    return (
      <section aria-labelledby="avis-email">
        <h2 id="avis-email">{t.emailHeading}</h2>
        <p>{t.emailUnavailable}</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="avis-email">
      <h2 id="avis-email">{t.emailHeading}</h2>
      <p>{t.emailIntro}</p>
      {waiting ? <p class="panel">{t.waiting(waiting.email, ctx.t.dateTime(formatDay(waiting.expires_at, timezone), formatTime(waiting.expires_at, timezone)))}</p> : null}
      <form method="post" action={`${NOTICES_PATH}/email`} class="panel">
        <CsrfField token={ctx.csrfToken} />
        <PortalErrorSummary ctx={ctx} errors={errors} />
        <Field name="email" label={t.emailLabel} type="email" required autocomplete="email" inputmode="email" hint={t.emailHint} value={typed} error={errors?.email} maxLength={254} />
        <button type="submit">{t.emailSubmit}</button>
      </form>
    </section>
  );
}

/** « Mes avis de courrier »: how the person is told, the switch, and a new e-mail address. */
export function NoticesPage(props: { ctx: PortalPageContext; settings: NoticeSettings; timezone: string; emailChange: boolean; errors?: Record<string, string>; typed?: string }) {
  const { ctx, settings, timezone } = props;
  const t = ctx.t.notices;
  return (
    <PortalLayout ctx={ctx} title={t.title}>
      <p>
        <a href="/portail">← {ctx.t.nav.home}</a>
      </p>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <Channels ctx={ctx} settings={settings} timezone={timezone} />
      <PauseSwitch ctx={ctx} settings={settings} timezone={timezone} />
      <EmailChange ctx={ctx} settings={settings} timezone={timezone} available={props.emailChange} errors={props.errors} typed={props.typed} />
    </PortalLayout>
  );
}

/** The page a confirmation link opens: one button, so a mail scanner opening links changes nothing. */
export function ConfirmEmailPage({ ctx, token, email }: { ctx: PortalPageContext; token: string; email: string }) {
  const t = ctx.t.notices;
  return (
    <PortalLayout ctx={ctx} title={t.confirmTitle}>
      <h1>{t.confirmTitle}</h1>
      <form method="post" action="/portail/confirmer-email" class="panel">
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="jeton" value={token} />
        <p>{t.confirmQuestion(email)}</p>
        <button type="submit">{t.confirmSubmit}</button>
      </form>
    </PortalLayout>
  );
}

/** The outcome of a link: confirmed, or why it did nothing. */
export function EmailLinkOutcomePage({ ctx, message, confirmed }: { ctx: PortalPageContext; message: string; confirmed: boolean }) {
  const t = ctx.t.notices;
  const title = confirmed ? t.confirmedTitle : t.linkTitle;
  return (
    <PortalLayout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class={confirmed ? 'panel' : 'alert'} role={confirmed ? 'status' : 'alert'}>
        {message}
      </p>
      <p>
        <a href="/portail">{t.backHome}</a>
      </p>
    </PortalLayout>
  );
}
