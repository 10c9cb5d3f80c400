import { sendingOffWords } from '../staff.words.ts';
import { NOTIFICATION_SETTINGS_URL } from './notification-settings.views.tsx';

/** « Ma structure »: what the month's notices were, and when they go (set on « Avis aux domiciliés »). */
export type StructureNotices = { hour: number | null; sent: { email: number; sms: number }; sending: { email: boolean; sms: boolean }; delayMinutes: number };

const plural = (count: number, one: string, many: string) => `${count.toLocaleString('fr-FR')} ${count > 1 ? many : one}`;

export function NoticesSection({ notices }: { notices: StructureNotices }) {
  const warning = sendingOffWords(notices.sending);
  const when =
    notices.hour !== null
      ? `à ${notices.hour} h, heure de la structure`
      : notices.delayMinutes > 0
        ? `${notices.delayMinutes} minutes après la première réception du jour`
        : 'dès la première réception du jour';
  return (
    <section aria-labelledby="avis-titre" class="panel">
      <h2 id="avis-titre">Avis de courrier aux domiciliés</h2>
      {warning ? <p class="warning">{warning}</p> : null}
      <p>
        Envoyés ce mois-ci : <strong>{plural(notices.sent.email, 'e-mail', 'e-mails')}</strong> et <strong>{plural(notices.sent.sms, 'SMS', 'SMS')}</strong>.
      </p>
      <p>L'avis du jour part {when}.</p>
      <p>
        <a href={NOTIFICATION_SETTINGS_URL}>Avis aux domiciliés</a> : ce que le serveur peut envoyer, et l'heure d'envoi (réglée par un administrateur).
      </p>
    </section>
  );
}
