import { formatDateTime } from '../../../shared/dates.ts';
import { allowed } from '../../../shared/roles.ts';
import { CsrfField, OuiNon } from '../../shared/components.tsx';
import { FicheLayout } from './fiche-layout.tsx';
import { FlashHere } from '../staff-layout.tsx';
import type { FicheHeader } from '../../../domain/domicilies/domicilies.service.ts';
import { documentOutcomes, type PortalAccessSummary } from '../../../domain/portal-access/portal-access.service.ts';
import { preferencesWords } from '../staff.words.ts';
import type { PageContext } from '../staff-context.ts';

export const preferencesUrl = (domicilieId: string) => `/domicilies/${domicilieId}/acces-portail`;
export const documentUrl = (domicilieId: string) => `/domicilies/${domicilieId}/acces-portail/document`;

const RESET_LABEL = 'Ré-initialiser le mot de passe temporaire du domicilié';

const documentMessages = new Set([...documentOutcomes].map((outcome) => preferencesWords[outcome]));

function canEdit(ctx: PageContext): boolean {
  return !!ctx.staff && (allowed.editors as readonly string[]).includes(ctx.staff.role);
}

/** « Ma structure » is where the portal is switched on: only an administrateur is sent there. */
export function SwitchOnHint({ ctx }: { ctx: PageContext }) {
  if (ctx.staff?.role !== 'administrateur') return null;
  return (
    <>
      {' '}
      Vous pouvez l'activer dans <a href="/structure">Ma structure</a>.
    </>
  );
}

function PortalOff({ ctx }: { ctx: PageContext }) {
  return (
    <p>
      Le portail usager n'est pas activé pour votre structure.
      <SwitchOnHint ctx={ctx} />
    </p>
  );
}

function passwordState(account: NonNullable<PortalAccessSummary['account']>, timezone: string, now: Date): string {
  if (!account.password_is_temporary) return 'Oui';
  const expiresAt = account.temporary_password_expires_at;
  if (expiresAt && expiresAt <= now) return 'Non (le mot de passe temporaire a expiré : ré-initialisez-le)';
  return expiresAt
    ? `Non (le mot de passe temporaire fonctionne jusqu'à ce que le domicilié choisisse le sien, au plus tard jusqu'au ${formatDateTime(expiresAt, timezone)})`
    : 'Non';
}

/** Which printed document is the valid one: the time the current temporary password was given. */
function TemporaryPasswordIssued({ account, timezone }: { account: NonNullable<PortalAccessSummary['account']>; timezone: string }) {
  if (!account.password_is_temporary || !account.temporary_password_issued_at) return null;
  return (
    <>
      <dt>Mot de passe temporaire remis le</dt>
      <dd>{formatDateTime(account.temporary_password_issued_at, timezone)} (seul le document de cette date est valable)</dd>
    </>
  );
}

function AccountDetails({ summary, now }: { summary: PortalAccessSummary; now: Date }) {
  const { account, timezone } = summary;
  return (
    <dl class="details">
      <dt>Accès au portail</dt>
      <dd>{account?.enabled ? 'Oui' : 'Non'}</dd>
      {account ? (
        <>
          <dt>Identifiant</dt>
          <dd>
            <span class="credential">{account.login}</span>
          </dd>
          <dt>Mot de passe personnel choisi</dt>
          <dd>{passwordState(account, timezone, now)}</dd>
          <TemporaryPasswordIssued account={account} timezone={timezone} />
          <dt>Dernière connexion</dt>
          <dd>{account.last_login_at ? formatDateTime(account.last_login_at, timezone) : 'Jamais connecté'}</dd>
          {account.locked_until && account.locked_until > now ? (
            <>
              <dt>Connexion bloquée</dt>
              <dd>
                Trop de tentatives incorrectes, jusqu'au {formatDateTime(account.locked_until, timezone)}. Ré-initialiser le mot de passe
                temporaire débloque l'accès.
              </dd>
            </>
          ) : null}
        </>
      ) : null}
    </dl>
  );
}

/** The « Accès au portail usager » section of the « Courriers » tab. */
export function PortalAccessSection({ ctx, summary, now = new Date() }: { ctx: PageContext; summary: PortalAccessSummary; now?: Date }) {
  const editor = canEdit(ctx);
  const document = editor && summary.account && summary.documentExpiresAt ? summary.documentExpiresAt : null;
  // Only the page shown right after « Enregistrer les préférences » starts the download by itself.
  const autoDownload = document && ctx.flash !== null && documentMessages.has(ctx.flash);
  return (
    <section aria-labelledby="acces-portail" class="panel">
      <h2 id="acces-portail">Accès au portail usager</h2>
      <FlashHere ctx={ctx} place="acces-portail" />
      {!summary.portalEnabledForStructure ? (
        <PortalOff ctx={ctx} />
      ) : (
        <>
          <AccountDetails summary={summary} now={now} />
          {document ? (
            <p>
              <a href={documentUrl(summary.domicilieId)} download>
                Télécharger le document Word
              </a>{' '}
              (téléchargeable par vous uniquement, jusqu'à {formatDateTime(document, summary.timezone).split(' à ')[1]}, puis effacé)
            </p>
          ) : null}
          {autoDownload ? <meta http-equiv="refresh" content={`0;url=${documentUrl(summary.domicilieId)}`} /> : null}
          {editor ? (
            <p>
              <a class="button" href={preferencesUrl(summary.domicilieId)}>
                Modifier les préférences
              </a>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

/** « Modifier les préférences »: Oui / Non, and the reset of the temporary password when an access exists. */
export function PreferencesPage(props: { ctx: PageContext; domicilie: FicheHeader; summary: PortalAccessSummary; temporaryPasswordDays: number }) {
  const { ctx, domicilie, summary, temporaryPasswordDays } = props;
  const { account } = summary;
  const back = `/domicilies/${domicilie.id}/courriers#acces-portail`;
  return (
    <FicheLayout ctx={ctx} domicilie={domicilie} tab="courriers">
      <section aria-labelledby="preferences-portail" class="panel">
        <h2 id="preferences-portail">Modifier les préférences</h2>
        {!summary.portalEnabledForStructure ? (
          <PortalOff ctx={ctx} />
        ) : (
          <form method="post" action={preferencesUrl(domicilie.id)}>
            <CsrfField token={ctx.csrfToken} />
            <OuiNon
              name="acces"
              legend="Accès au portail usager"
              value={account?.enabled ?? false}
              hint={`Demandez d'abord au domicilié s'il souhaite avoir accès au portail usager. Oui : un identifiant et un mot de passe temporaire sont remis sur un document Word à imprimer ; ce mot de passe fonctionne jusqu'à ce que le domicilié choisisse le sien, et au plus tard ${temporaryPasswordDays} jours. Seul le membre de l'équipe qui enregistre peut télécharger le document. Non : le domicilié ne peut plus se connecter.`}
            />
            {account ? (
              <div class="field checkbox">
                <label>
                  <input type="checkbox" name="reinitialiser" value="oui" aria-describedby="reinitialiser-hint" />
                  {RESET_LABEL}
                </label>
                <p class="hint" id="reinitialiser-hint">
                  Un nouveau mot de passe temporaire et un nouveau document Word sont créés ; l'ancien mot de passe ne fonctionne plus.
                </p>
              </div>
            ) : null}
            <div class="actions">
              <button type="submit">Enregistrer les préférences</button>
              <a href={back}>Annuler</a>
            </div>
          </form>
        )}
      </section>
    </FicheLayout>
  );
}
