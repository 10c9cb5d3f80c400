import { CsrfField, SelectField } from '../../shared/components.tsx';
import { FlashHere } from '../staff-layout.tsx';
import type { PageContext } from '../staff-context.ts';
import { sendingOffWords } from '../staff.words.ts';

export const NOTICES_PLACE = 'avis-titre';

/** « Ma structure »: what the month's notices cost, and the hour they go. */
export type StructureNotices = { hour: number | null; sent: { email: number; sms: number }; sending: { email: boolean; sms: boolean }; delayMinutes: number };

const ASAP = 'Dès que possible (après un délai de regroupement)';
const hourLabel = (hour: number) => `À ${hour} h`;
const hourOptions = [{ value: '', label: ASAP }, ...Array.from({ length: 24 }, (_, hour) => ({ value: String(hour), label: hourLabel(hour) }))];
const plural = (count: number, one: string, many: string) => `${count.toLocaleString('fr-FR')} ${count > 1 ? many : one}`;

export function NoticesSection({ ctx, notices, isAdmin }: { ctx: PageContext; notices: StructureNotices; isAdmin: boolean }) {
  const warning = sendingOffWords(notices.sending);
  return (
    <section aria-labelledby={NOTICES_PLACE} class="panel">
      <h2 id={NOTICES_PLACE}>Avis de courrier aux domiciliés</h2>
      <FlashHere ctx={ctx} place={NOTICES_PLACE} />
      {warning ? <p class="warning">{warning}</p> : null}
      <p>
        Envoyés ce mois-ci : <strong>{plural(notices.sent.email, 'e-mail', 'e-mails')}</strong> et <strong>{plural(notices.sent.sms, 'SMS', 'SMS')}</strong>.
      </p>
      {isAdmin ? (
        <form method="post" action="/structure/avis">
          <CsrfField token={ctx.csrfToken} />
          <p class="hint">
            Un domicilié reçoit au plus un avis de courrier par jour. « Dès que possible » : il part {notices.delayMinutes > 0 ? `${notices.delayMinutes} minutes` : 'aussitôt'} après la première
            réception du jour. À une heure choisie (heure de la structure) : il part à cette heure pour le courrier reçu avant ; le courrier reçu après attend l'avis du lendemain.
          </p>
          <SelectField name="heure" label="Heure d'envoi de l'avis du jour" options={hourOptions} value={notices.hour === null ? '' : String(notices.hour)} required />
          <button type="submit">Enregistrer l'heure d'envoi</button>
        </form>
      ) : (
        <p>Heure d'envoi de l'avis du jour : {notices.hour === null ? ASAP : hourLabel(notices.hour)}. Seul un administrateur de la structure peut la modifier.</p>
      )}
    </section>
  );
}
