import { CsrfField, ErrorSummary, SelectField } from '../../shared/components.tsx';
import { StaffLayout } from '../staff-layout.tsx';
import type { PageContext } from '../staff-context.ts';

export const NOTIFICATION_SETTINGS_URL = '/structure/avis';

export type NotificationSettingsView = {
  /** Which channels the server can send on (its configuration, not the structure's). */
  channels: { email: boolean; sms: boolean };
  hour: number | null;
  delayMinutes: number;
};

const hourLabel = (hour: number) => `À ${hour} h`;

function Channel({ label, on }: { label: string; on: boolean }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{on ? 'Activé' : "Désactivé : le serveur n'est pas configuré pour cet envoi. Adressez-vous à la personne qui s'occupe du serveur."}</dd>
    </>
  );
}

/** « Avis aux domiciliés »: what the server can send, and when the day's mail notice goes. */
export function NotificationSettingsPage({ ctx, view, error }: { ctx: PageContext; view: NotificationSettingsView; error?: string }) {
  const isAdmin = ctx.staff?.role === 'administrateur';
  const delay = view.delayMinutes === 0 ? 'Dès la première réception du jour' : `${view.delayMinutes} minutes après la première réception du jour`;
  const options = [{ value: '', label: delay }, ...Array.from({ length: 24 }, (_, hour) => ({ value: String(hour), label: hourLabel(hour) }))];
  return (
    <StaffLayout ctx={ctx} title="Avis aux domiciliés">
      <p>
        <a href="/structure">Ma structure</a>
      </p>
      <h1>Avis aux domiciliés</h1>
      <p>
        Une personne qui y a consenti reçoit au plus un message par jour quand du courrier l'attend : « Vous avez du courrier à retirer à {ctx.staff?.structureName} ». Elle est aussi
        prévenue deux mois avant la fin de sa domiciliation, et quand elle a pris fin.
      </p>
      <section aria-labelledby="envois-titre" class="panel">
        <h2 id="envois-titre">Envois</h2>
        <dl class="details">
          <Channel label="E-mail" on={view.channels.email} />
          <Channel label="SMS" on={view.channels.sms} />
        </dl>
      </section>
      <section aria-labelledby="heure-titre" class="panel">
        <h2 id="heure-titre">Heure d'envoi des avis de courrier</h2>
        {isAdmin ? (
          <form method="post" action={NOTIFICATION_SETTINGS_URL}>
            <CsrfField token={ctx.csrfToken} />
            <ErrorSummary errors={error ? { heure_notification: error } : undefined} />
            <SelectField name="heure_notification" label="Envoyer l'avis du jour" options={options} value={view.hour === null ? '' : String(view.hour)} error={error} />
            <p class="hint">Le courrier enregistré après l'heure choisie est annoncé le lendemain à la même heure.</p>
            <button type="submit">Enregistrer l'heure d'envoi</button>
          </form>
        ) : (
          <>
            <p>{view.hour === null ? delay : `${hourLabel(view.hour)}, heure de la structure`}</p>
            <p>Seul un administrateur de la structure peut modifier ce réglage.</p>
          </>
        )}
      </section>
    </StaffLayout>
  );
}
