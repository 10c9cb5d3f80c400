import { Fragment } from 'preact';
import { formatDate } from '../../shared/dates.ts';
import type { PortalNotices } from '../../domain/portal/portal-notices.service.ts';
import type { PortalPageContext } from './portal-context.ts';

/** A text typed on several lines, shown on as many. */
function Lines({ lines }: { lines: string[] }) {
  return (
    <>
      {lines.map((line, index) => (
        <Fragment key={index}>
          {index > 0 ? <br /> : null}
          {line}
        </Fragment>
      ))}
    </>
  );
}

const linesOf = (text: string) => text.split(/\r?\n/);

/**
 * The structure's messages of the day, as its staff wrote them: in French whatever the page's
 * language, which `lang` tells a screen reader. Nothing when there is none.
 */
export function StructureMessages({ ctx, notices }: { ctx: PortalPageContext; notices: PortalNotices }) {
  if (notices.messages.length === 0) return null;
  return (
    <section aria-labelledby="messages-structure" class="structure-messages">
      <h2 id="messages-structure">{ctx.t.homeNotices.messagesHeading}</h2>
      {notices.messages.map((message) => (
        <p key={message.id} class="panel structure-message" lang="fr">
          <Lines lines={linesOf(message.body)} />
        </p>
      ))}
    </section>
  );
}

/** Who may collect the person's mail and where it is forwarded, while in force; nothing otherwise. */
export function Mandates({ ctx, notices }: { ctx: PortalPageContext; notices: PortalNotices }) {
  const t = ctx.t.homeNotices;
  const { procurations, transfert } = notices;
  return (
    <>
      {procurations.length > 0 ? (
        <section aria-labelledby="procurations">
          <h2 id="procurations">{t.mandatesHeading}</h2>
          <ul>
            {procurations.map((procuration, index) => (
              <li key={index}>{t.proxy(`${procuration.prenom} ${procuration.nom.toUpperCase()}`, formatDate(procuration.end_date))}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {transfert ? (
        <section aria-labelledby="reexpedition">
          <h2 id="reexpedition">{t.forwardingHeading}</h2>
          <p>{t.forwarding(formatDate(transfert.end_date))}</p>
          <p class="envelope">
            <Lines lines={[transfert.recipient_name, ...linesOf(transfert.address)]} />
          </p>
        </section>
      ) : null}
    </>
  );
}
