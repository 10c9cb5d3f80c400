import type { NotificationChannel, NotificationKind } from '../../../db/schema.ts';
import { formatDateTime } from '../../../shared/dates.ts';
import { notificationFailureWords } from '../staff.words.ts';

/** One row of the outbox as the fiche lists it (C1's notificationsOf). */
export type NotificationLine = {
  id: string;
  channel: NotificationChannel;
  kind: NotificationKind;
  state: 'en_attente' | 'envoyee' | 'echec' | 'annulee';
  send_after: Date;
  next_attempt_at: Date;
  sent_at: Date | null;
  last_error: string | null;
  attempts: number;
  created_at: Date;
};

const channelLabels: Record<NotificationChannel, string> = { email: 'E-mail', sms: 'SMS' };
const kindLabels: Record<NotificationKind, string> = {
  courrier: 'Courrier à retirer',
  echeance_proche: 'Fin de domiciliation proche',
  echeance_passee: 'Domiciliation terminée',
  confirmation_email: 'Confirmation de la nouvelle adresse e-mail',
};

function stateText(line: NotificationLine, timezone: string | undefined): string {
  switch (line.state) {
    case 'en_attente': {
      const when = line.next_attempt_at > line.send_after ? line.next_attempt_at : line.send_after;
      return `En attente : envoi prévu le ${formatDateTime(when, timezone)}${line.attempts > 0 ? ` (nouvel essai, ${line.attempts} déjà fait${line.attempts > 1 ? 's' : ''})` : ''}`;
    }
    case 'envoyee':
      return `Envoyé le ${formatDateTime(line.sent_at, timezone)}`;
    case 'echec':
      return `Échec : ${notificationFailureWords(line.last_error)}`;
    case 'annulee':
      return 'Annulé';
  }
}

/**
 * The messages told to the person (newest first, the last 20): what staff answer when
 * someone says « je n'ai rien reçu ».
 */
export function NotificationsSection({ lines, timezone }: { lines: NotificationLine[]; timezone: string | undefined }) {
  return (
    <section aria-labelledby="avis-titre">
      <h2 id="avis-titre">Avis envoyés à la personne</h2>
      {lines.length === 0 ? (
        <p>Aucun avis pour le moment.</p>
      ) : (
        <table>
          <caption class="visually-hidden">Avis de courrier et rappels, du plus récent au plus ancien (20 au plus)</caption>
          <thead>
            <tr>
              <th scope="col">Créé le</th>
              <th scope="col">Moyen</th>
              <th scope="col">Objet</th>
              <th scope="col">État</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <tr key={line.id}>
                <td data-label="Créé le">{formatDateTime(line.created_at, timezone)}</td>
                <td data-label="Moyen">{channelLabels[line.channel]}</td>
                <td data-label="Objet">{kindLabels[line.kind]}</td>
                <td data-label="État">{stateText(line, timezone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
