import { CsrfField, Field } from '../shared/components.tsx';
import type { PortalPageContext } from './portal-context.ts';
import { PortalErrorSummary, PortalLayout } from './portal-layout.tsx';
import type { LoginRefusal } from '../../domain/portal/portal.service.ts';

/** « Afficher le mot de passe » after each password field of a form marked with these words. */
const PASSWORD_TOGGLE = '/static/password-toggle.js';
const toggleWords = (ctx: PortalPageContext) => ({ 'data-password-toggle': '', 'data-show': ctx.t.password.show, 'data-hide': ctx.t.password.hide });


function refusalMessage(ctx: PortalPageContext, refusal: LoginRefusal): string {
  return refusal.reason === 'locked' ? ctx.t.refusal.locked(refusal.minutes) : ctx.t.refusal[refusal.reason];
}

export function LoginPage({ ctx, refusal, identifier }: { ctx: PortalPageContext; refusal?: LoginRefusal; identifier?: string }) {
  const t = ctx.t.login;
  return (
    <PortalLayout ctx={ctx} title={t.title} scripts={[PASSWORD_TOGGLE]}>
      <h1>{t.heading}</h1>
      {refusal ? (
        <p class="alert" role="alert">
          {refusalMessage(ctx, refusal)}
        </p>
      ) : null}
      <p>{t.intro}</p>
      <form method="post" action="/portail/connexion" class="panel" {...toggleWords(ctx)}>
        <CsrfField token={ctx.csrfToken} />
        <Field name="identifiant" label={ctx.t.login.identifier} hint={ctx.t.login.identifierHint} value={identifier} required autocomplete="username" maxLength={100} code />
        <Field name="mot_de_passe" label={t.password} type="password" required autocomplete="current-password" hint={t.passwordHint} maxLength={256} />
        <button type="submit">{t.submit}</button>
      </form>
      <p>{t.forgotten}</p>
    </PortalLayout>
  );
}

function PasswordRules({ ctx, last }: { ctx: PortalPageContext; last: 'notTemporary' | 'notCurrent' }) {
  const t = ctx.t.password;
  return (
    <section aria-labelledby="regles" class="rules">
      <h2 id="regles">{t.rulesHeading}</h2>
      <ul>
        {[...t.rules, t[last]].map((rule) => (
          <li key={rule}>{rule}</li>
        ))}
      </ul>
    </section>
  );
}

function NewPasswordFields({ ctx, errors }: { ctx: PortalPageContext; errors?: Record<string, string> }) {
  const t = ctx.t.password;
  return (
    <>
      <Field name="nouveau_mot_de_passe" label={t.next} type="password" required autocomplete="new-password" hint={t.hint} error={errors?.nouveau_mot_de_passe} maxLength={256} />
      <Field name="confirmation" label={t.confirm} type="password" required autocomplete="new-password" error={errors?.confirmation} maxLength={256} />
    </>
  );
}

/** Lets password managers store the new password under the right identifier. */
function UsernameForManagers({ ctx }: { ctx: PortalPageContext }) {
  return <input type="text" name="username" value={ctx.actor?.login ?? ''} autocomplete="username" hidden readOnly />;
}

export function ChoosePasswordPage({ ctx, errors }: { ctx: PortalPageContext; errors?: Record<string, string> }) {
  const t = ctx.t.choose;
  return (
    <PortalLayout ctx={ctx} title={t.title} scripts={[PASSWORD_TOGGLE]}>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <PortalErrorSummary ctx={ctx} errors={errors} />
      <PasswordRules ctx={ctx} last="notTemporary" />
      <form method="post" action="/portail/nouveau-mot-de-passe" class="panel" {...toggleWords(ctx)}>
        <CsrfField token={ctx.csrfToken} />
        <UsernameForManagers ctx={ctx} />
        <NewPasswordFields ctx={ctx} errors={errors} />
        <button type="submit">{t.submit}</button>
      </form>
    </PortalLayout>
  );
}

export function ChangePasswordPage({ ctx, errors }: { ctx: PortalPageContext; errors?: Record<string, string> }) {
  const t = ctx.t.change;
  return (
    <PortalLayout ctx={ctx} title={t.title} scripts={[PASSWORD_TOGGLE]}>
      <h1>{t.title}</h1>
      <PortalErrorSummary ctx={ctx} errors={errors} />
      <PasswordRules ctx={ctx} last="notCurrent" />
      <form method="post" action="/portail/mot-de-passe" class="panel" {...toggleWords(ctx)}>
        <CsrfField token={ctx.csrfToken} />
        <UsernameForManagers ctx={ctx} />
        <Field name="mot_de_passe_actuel" label={ctx.t.password.current} type="password" required autocomplete="current-password" error={errors?.mot_de_passe_actuel} maxLength={256} />
        <NewPasswordFields ctx={ctx} errors={errors} />
        <button type="submit">{t.submit}</button>
      </form>
    </PortalLayout>
  );
}
