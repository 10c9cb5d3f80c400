import { formatDay } from '../../../shared/dates.ts';
import type { IdentityForm } from '../../../domain/domicilies/identity-input.ts';
import { sendingOffWords } from '../staff.words.ts';

/** Whether this server can send each channel at all (C1's sendingConfigured). */
export type Sending = { email: boolean; sms: boolean };

/** What the edit form knows of the stored consent, to show its dates. */
export type StoredConsent = { email: Date | null; sms: Date | null; pausedAt: Date | null; timezone: string | undefined };

const channelWords = { email: 'Prévenir par e-mail', sms: 'Prévenir par SMS' } as const;

/**
 * The person's consent to be told when mail arrives, given at the desk: one checkbox per
 * channel, using the e-mail and phone of the « Contact » fieldset above it.
 */
export function NoticeConsentFields({ values, sending, stored }: { values: IdentityForm; sending: Sending; stored?: StoredConsent }) {
  const warning = sendingOffWords(sending);
  return (
    <fieldset aria-describedby="avis-hint">
      <legend>Avis de courrier</legend>
      <p class="hint" id="avis-hint">
        Avec l'accord de la personne, un message lui dit « Vous avez du courrier à retirer » quand du courrier arrive (au plus un par jour, sans l'expéditeur ni le contenu), et lui rappelle la fin de sa
        domiciliation. Décochez pour retirer l'accord : les avis en attente sont annulés aussitôt.
      </p>
      {warning ? <p class="warning">{warning}</p> : null}
      {stored?.pausedAt ? <p>La personne a suspendu les avis depuis le portail usager le {formatDay(stored.pausedAt, stored.timezone)} : rien ne lui est envoyé tant qu'elle ne les a pas réactivés.</p> : null}
      {(['email', 'sms'] as const).map((channel) => {
        const since = stored?.[channel];
        return (
          <div class="checkbox field" key={channel}>
            <label>
              <input type="checkbox" name={`avis_${channel}`} value="oui" checked={values[`avis_${channel}`] === 'oui'} aria-describedby={`avis_${channel}-hint`} /> {channelWords[channel]}
            </label>
            <p class="hint" id={`avis_${channel}-hint`}>
              {since
                ? `Accord donné le ${formatDay(since, stored!.timezone)}.`
                : channel === 'email'
                  ? "Demande l'adresse e-mail ci-dessus."
                  : 'Demande un numéro de téléphone mobile ci-dessus.'}
            </p>
          </div>
        );
      })}
    </fieldset>
  );
}

type ConsentColumns = { notify_email_consent_at: Date | null; notify_sms_consent_at: Date | null; notify_paused_at: Date | null };

/** The consent as the « Dossier » tab reads it: each channel with its date, and a pause. */
export function consentSummary(record: ConsentColumns, timezone: string | undefined): string {
  const given = [
    record.notify_email_consent_at ? `par e-mail (accord du ${formatDay(record.notify_email_consent_at, timezone)})` : null,
    record.notify_sms_consent_at ? `par SMS (accord du ${formatDay(record.notify_sms_consent_at, timezone)})` : null,
  ].filter(Boolean);
  if (given.length === 0) return 'Pas d’accord pour être prévenu';
  const text = `Prévenu ${given.join(' et ')}`;
  return record.notify_paused_at ? `${text} ; suspendus par la personne depuis le ${formatDay(record.notify_paused_at, timezone)}` : text;
}
