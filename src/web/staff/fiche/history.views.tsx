import { DecisionHistoryTable } from './decisions.views.tsx';
import type { FicheHeader } from '../../../domain/domicilies/domicilies.service.ts';
import type { History } from '../../../domain/dossiers/dossiers.service.ts';
import { FicheLayout } from './fiche-layout.tsx';
import { formatDateTime } from '../../../shared/dates.ts';
import type { PageContext } from '../staff-context.ts';

const actionLabels: Record<string, string> = {
  'domicilie.created': 'Création du dossier',
  'domicilie.updated': "Modification de l'identité ou des ayants droit",
  'decision.instruction': 'Décision : instruction',
  'decision.a_valider': 'Décision : à valider',
  'decision.valide': 'Décision : domiciliation validée',
  'decision.refus': 'Décision : refus',
  'decision.radiation': 'Décision : radiation',
  'decision.renouvellement': 'Demande de renouvellement',
  'decision.annulation': 'Annulation de la dernière décision',
  'decision.date_modifiee': "Modification de la date d'une décision",
  'courrier.reception': 'Courrier reçu',
  'courrier.hand_out': 'Courrier distribué',
  'courrier.return_to_sender': "Courrier retourné à l'expéditeur",
  'courrier.transfer': 'Courrier transféré',
  'courrier.visit': 'Passage',
  'courrier.call': 'Appel',
  'courrier.undo': "Annulation d'un événement de courrier",
  'procuration.created': 'Procuration ajoutée',
  'procuration.deleted': 'Procuration supprimée',
  'transfert.saved': 'Transfert enregistré',
  'transfert.deleted': 'Transfert supprimé',
  'portal_access.created': 'Accès au portail usager créé',
  'portal_access.reset': 'Mot de passe temporaire ré-initialisé',
  'portal_access.enabled': 'Accès au portail usager réactivé',
  'portal_access.disabled': 'Accès au portail usager désactivé',
  'portal_access.document_generated': 'Document Word généré',
  'portal_access.document_downloaded': 'Document Word téléchargé',
  'domicilie.notification_consent': 'Accord pour les avis de courrier donné ou retiré',
  'portal.notifications_paused': 'Avis de courrier suspendus par la personne (portail)',
  'portal.notifications_resumed': 'Avis de courrier réactivés par la personne (portail)',
  'portal.email_change_requested': 'Nouvelle adresse e-mail demandée (portail)',
  'portal.email_confirmed': 'Nouvelle adresse e-mail confirmée',
};

const familyLabels: Record<string, string> = {
  courrier: 'Courrier',
  courriers: 'Courrier',
  procuration: 'Procuration',
  transfert: 'Transfert',
  portal: 'Portail usager',
  portal_access: 'Accès au portail usager',
};

/** A French label for known actions; other modules' actions keep their code after their family's name. */
export function actionLabel(action: string): string {
  const known = actionLabels[action];
  if (known) return known;
  const family = familyLabels[action.split('.')[0] ?? ''];
  return family ? `${family} (${action})` : action;
}

function actor(entry: History['auditEntries'][number]): string {
  if (entry.actor_type === 'staff') return entry.actor_nom ? `${entry.actor_prenom} ${entry.actor_nom}` : 'Compte supprimé';
  if (entry.actor_type === 'portal') return 'Le domicilié (portail)';
  return 'Système';
}

/** The « Historique » tab: decisions, portal logins and who did what on this record. */
export function HistoryTab({ ctx, domicilie, history }: { ctx: PageContext; domicilie: FicheHeader; history: History }) {
  return (
    <FicheLayout ctx={ctx} domicilie={domicilie} tab="historique">
      <section aria-labelledby="historique-decisions">
        <h2 id="historique-decisions">Décisions</h2>
        <DecisionHistoryTable decisions={history.decisions} timezone={ctx.staff?.timezone} />
      </section>
      <section aria-labelledby="connexions-portail">
        <h2 id="connexions-portail">Connexions au portail usager</h2>
        {history.portalLogins.length === 0 ? (
          <p>Aucune connexion au portail usager.</p>
        ) : (
          <ul>
            {history.portalLogins.map((login) => (
              <li key={login.id}>{formatDateTime(login.logged_in_at, ctx.staff?.timezone)}</li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="journal">
        <h2 id="journal">Journal des actions</h2>
        {history.auditEntries.length === 0 ? (
          <p>Aucune action enregistrée.</p>
        ) : (
          <table>
            <caption class="visually-hidden">Actions sur ce dossier, de la plus récente à la plus ancienne (100 au plus)</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Action</th>
                <th scope="col">Par</th>
              </tr>
            </thead>
            <tbody>
              {history.auditEntries.map((entry) => (
                <tr key={entry.id}>
                  <td data-label="Date">{formatDateTime(entry.created_at, ctx.staff?.timezone)}</td>
                  <td data-label="Action">{actionLabel(entry.action)}</td>
                  <td data-label="Par">{actor(entry)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </FicheLayout>
  );
}
