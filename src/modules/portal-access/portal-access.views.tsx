import { formatDateTime } from '../../shared/dates.ts';
import type { PageContext } from '../../web/render.tsx';
import type { PortalAccessSummary } from './portal-access.service.ts';

/** The « Accès au portail usager » section of the « Courriers » tab. */
export function PortalAccessSection({ ctx, summary }: { ctx: PageContext; summary: PortalAccessSummary }) {
  const { account } = summary;
  return (
    <section aria-labelledby="acces-portail" class="panel">
      <h2 id="acces-portail">Accès au portail usager</h2>
      {!summary.portalEnabledForStructure ? (
        <p>
          Le portail usager n'est pas activé pour votre structure.
          {ctx.staff?.role === 'administrateur' ? (
            <>
              {' '}
              Vous pouvez l'activer dans <a href="/structure">Ma structure</a>.
            </>
          ) : null}
        </p>
      ) : (
        <dl class="details">
          <dt>Accès au portail</dt>
          <dd>{account?.enabled ? 'Oui' : 'Non'}</dd>
          {account ? (
            <>
              <dt>Identifiant</dt>
              <dd>{account.login}</dd>
              <dt>Mot de passe personnel choisi</dt>
              <dd>{account.password_is_temporary ? 'Non' : 'Oui'}</dd>
              <dt>Dernière connexion</dt>
              <dd>{account.last_login_at ? formatDateTime(account.last_login_at) : 'Jamais connecté'}</dd>
            </>
          ) : null}
        </dl>
      )}
    </section>
  );
}
