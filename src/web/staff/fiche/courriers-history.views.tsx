import type { CourrierEventKind } from '../../../db/schema.ts';
import { formatDateTime } from '../../../shared/dates.ts';
import { fullName } from './fiche-layout.tsx';
import type { CourriersTab } from '../../../domain/courriers/courriers.service.ts';
import { countsText } from '../../../domain/courriers/mail-counts.ts';
import { ConfirmAction } from '../../shared/components.tsx';
import { FlashHere } from '../staff-layout.tsx';
import { countWords } from '../staff.words.ts';
import type { PageContext } from '../staff-context.ts';

type HistoryEvent = CourriersTab['history']['events'][number];

const kindLabels: Record<CourrierEventKind, string> = {
  reception: 'Réception',
  hand_out: 'Remise',
  return_to_sender: "Retour à l'expéditeur",
  transfer: 'Transfert',
  visit: 'Passage',
  call: 'Appel',
};

/** « Remise du 02/12/2026 à 14:40 annulée. »: the undone event named as the history shows it. */
export function undoneMessage(kind: CourrierEventKind, when: string): string {
  const feminine = kind === 'reception' || kind === 'hand_out';
  return `${kindLabels[kind]} du ${when} ${feminine ? 'annulée' : 'annulé'}.`;
}

function person(prenom: string | null, nom: string | null): string {
  return prenom && nom ? `${prenom} ${nom}` : 'compte supprimé';
}

function details(event: HistoryEvent): string {
  const counts = countsText(event, countWords);
  switch (event.kind) {
    case 'reception':
      return event.comment ? `${counts}. Commentaire : ${event.comment}` : counts;
    case 'hand_out':
      if (event.recipient === 'mandataire') {
        const mandataire = event.mandataire_nom && event.mandataire_prenom ? fullName({ prenom: event.mandataire_prenom, nom: event.mandataire_nom }) : 'un mandataire (procuration supprimée depuis)';
        return `${counts}, remis à ${mandataire}, mandataire`;
      }
      return `${counts}, remis au domicilié en personne`;
    case 'return_to_sender':
    case 'transfer':
      return counts;
    default:
      return '';
  }
}

function HistoryRow({ ctx, tab, event }: { ctx: PageContext; tab: CourriersTab; event: HistoryEvent }) {
  const when = formatDateTime(event.created_at, tab.timezone);
  return (
    <tr class={event.undone_at ? 'undone' : undefined}>
      <td data-label="Date">{when}</td>
      <td data-label="Événement">
        {kindLabels[event.kind]}
        {event.undone_at ? <> <span class="badge">annulé</span></> : null}
      </td>
      <td data-label="Détail" class="comment">{details(event)}</td>
      <td data-label="Enregistré par">{person(event.author_prenom, event.author_nom)}</td>
      <td data-label="Annulation">
        {event.undone_at ? (
          `Annulé le ${formatDateTime(event.undone_at, tab.timezone)} par ${person(event.undoer_prenom, event.undoer_nom)}`
        ) : event.id === tab.latestActiveEventId ? (
          <ConfirmAction
            action={`/domicilies/${tab.domicilie.id}/courriers/annuler`}
            csrfToken={ctx.csrfToken}
            hidden={{ event_id: event.id }}
            opener={
              <>
                Annuler…<span class="visually-hidden"> cet événement : {kindLabels[event.kind]} du {when}</span>
              </>
            }
            question={`Annuler cet événement : ${kindLabels[event.kind]} du ${when}${details(event) ? ` (${details(event)})` : ''} ?`}
            confirm="Oui, annuler cet événement"
          />
        ) : null}
      </td>
    </tr>
  );
}

/** The history of every event, newest first, 20 per page, with the undo of the most recent one. */
export function HistorySection({ ctx, tab }: { ctx: PageContext; tab: CourriersTab }) {
  const base = `/domicilies/${tab.domicilie.id}`;
  const { events, olderCursor, isFirstPage } = tab.history;
  return (
    <section aria-labelledby="historique">
      <h2 id="historique">Historique du courrier, des passages et des appels</h2>
      <FlashHere ctx={ctx} place="historique" />
      {events.length === 0 ? (
        <p>{isFirstPage ? 'Aucun événement enregistré.' : 'Aucun événement plus ancien.'}</p>
      ) : (
        <table>
          <caption class="visually-hidden">Historique, du plus récent au plus ancien</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Événement</th>
              <th scope="col">Détail</th>
              <th scope="col">Enregistré par</th>
              <th scope="col">Annulation</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <HistoryRow key={event.id} ctx={ctx} tab={tab} event={event} />
            ))}
          </tbody>
        </table>
      )}
      {olderCursor || !isFirstPage ? (
        <nav aria-label="Pages de l'historique" class="actions">
          {!isFirstPage ? <a href={`${base}/courriers#historique`}>Revenir aux événements les plus récents</a> : null}
          {olderCursor ? <a href={`${base}/courriers?avant=${olderCursor}#historique`}>Événements plus anciens</a> : null}
        </nav>
      ) : null}
    </section>
  );
}
