import type { AttestationState, SharedDocument } from '../../domain/person-documents/portal-documents.service.ts';
import { formatDay } from '../../shared/dates.ts';
import type { PortalActor } from '../../domain/portal/portal.service.ts';
import type { PortalPageContext } from './portal-context.ts';
import { PortalLayout } from './portal-layout.tsx';

export const DOCUMENTS_PATH = '/portail/documents';
export const ATTESTATION_PATH = `${DOCUMENTS_PATH}/attestation`;

function Attestation({ ctx, state }: { ctx: PortalPageContext; state: AttestationState }) {
  const t = ctx.t.documents;
  return (
    <section aria-labelledby="attestation">
      <h2 id="attestation">{t.attestationHeading}</h2>
      {state === 'available' ? (
        <>
          <p>
            <a href={ATTESTATION_PATH} download class="button">
              {t.attestationLink}
            </a>
          </p>
          <p class="hint">{t.attestationHint}</p>
        </>
      ) : (
        <p class={state === 'at_desk' ? 'warning' : 'panel'}>{state === 'at_desk' ? t.attestationAtDesk : t.attestationNone}</p>
      )}
    </section>
  );
}

/** « Mes documents »: the attestation of the current decision, then the papers the structure shared. */
export function DocumentsPage({ ctx, actor, documents, attestation }: { ctx: PortalPageContext; actor: PortalActor; documents: SharedDocument[]; attestation: AttestationState }) {
  const t = ctx.t.documents;
  return (
    <PortalLayout ctx={ctx} title={t.title}>
      <h1>{t.title}</h1>
      <Attestation ctx={ctx} state={attestation} />
      <section aria-labelledby="documents-list">
        <h2 id="documents-list">{t.listHeading}</h2>
        {documents.length === 0 ? (
          <p class="panel">{t.empty}</p>
        ) : (
          <ul class="portal-documents">
            {documents.map((document) => (
              <li key={document.id}>
                <a href={`${DOCUMENTS_PATH}/${document.id}`} download>
                  {document.title}
                </a>{' '}
                ({t.types[document.content_type]}, {t.size(document.size)}, {t.added(formatDay(document.created_at, actor.timezone))})
              </li>
            ))}
          </ul>
        )}
      </section>
    </PortalLayout>
  );
}
