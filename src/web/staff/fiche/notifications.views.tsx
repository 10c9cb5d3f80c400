import type { NotificationChannel, NotificationKind } from '../../../db/schema.ts';
import type { NotificationRow } from '../../../domain/notifications/notifications.service.ts';
import { formatDateTime } from '../../../shared/dates.ts';
import { notificationReasonWords } from '../staff.words.ts';

const channelLabels: Record<NotificationChannel, string> = { email: 'E-mail', sms: 'SMS' };
const kindLabels: Record<NotificationKind, string> = {
  courrier: 'Courrier à retirer',
  echeance_proche: 'Fin de domiciliation proche',
  echeance_passee: 'Domiciliation terminée',
  confirmation_email: 'Confirmation de la nouvelle adresse e-mail',
};

function stateText(line: NotificationRow, timezone: string | undefined): string {
  switch (line.state) {
    case 'en_attente':
      return line.attempts > 0
        ? `En attente : ${line.attempts} essai${line.attempts > 1 ? 's' : ''} sans succès, le service d'envoi sera sollicité de nouveau`
        : `En attente : envoi prévu le ${formatDateTime(line.sendAfter, timezone)}`;
    case 'envoyee':
      return `Envoyé le ${formatDateTime(line.sentAt, timezone)}`;
    case 'echec':
      return `Échec : ${line.reason ? notificationReasonWords(line.reason) : 'raison inconnue.'}`;
    case 'annulee':
      return line.reason ? `Annulé : ${notificationReasonWords(line.reason)}` : 'Annulé';
  }
}

/**
 * The messages told to the person (newest first, the last 20): what staff answer when
 * someone says « je n'ai rien reçu ».
 */
export function NotificationsSection({ lines, timezone }: { lines: NotificationRow[]; timezone: string | undefined }) {
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
                <td data-label="Créé le">{formatDateTime(line.createdAt, timezone)}</td>
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
