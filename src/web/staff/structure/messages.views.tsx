import { Fragment } from 'preact';
import { ConfirmAction, CsrfField, DateField, ErrorSummary, Field } from '../../shared/components.tsx';
import { MESSAGE_MAX_LENGTH, type StructureMessage } from '../../../domain/structure-messages/structure-messages.service.ts';
import { formatDate } from '../../../shared/dates.ts';
import { allowed, type Role } from '../../../shared/roles.ts';
import { StaffLayout } from '../staff-layout.tsx';
import type { PageContext } from '../staff-context.ts';

export const MESSAGES_URL = '/structure/messages';

/** A form sent back with its errors, as typed. */
export type MessageForm = { errors: Record<string, string>; values: { texte?: string; date_debut?: string; date_fin?: string } };

export type MessageLists = { current: StructureMessage[]; upcoming: StructureMessage[]; past: StructureMessage[] };

/** A text typed on several lines, shown on as many. */
export function MessageText({ body }: { body: string }) {
  return (
    <>
      {body.split('\n').map((line, index) => (
        <Fragment key={index}>
          {index > 0 ? <br /> : null}
          {line}
        </Fragment>
      ))}
    </>
  );
}

const period = (message: StructureMessage) => `du ${formatDate(message.start_date)} au ${formatDate(message.end_date)} inclus`;

/** The message as a confirmation names it: its first words, enough to tell it from the others. */
function shortText(body: string): string {
  const oneLine = body.replace(/\s+/g, ' ');
  const characters = [...oneLine];
  return characters.length > 80 ? `${characters.slice(0, 79).join('').trimEnd()}…` : oneLine;
}

function MessageFields({ form, message }: { form?: MessageForm; message?: StructureMessage }) {
  const values = form?.values ?? (message ? { texte: message.body, date_debut: message.start_date, date_fin: message.end_date } : {});
  const errors = form?.errors;
  return (
    <>
      <Field
        name="texte"
        label="Message"
        required
        multiline
        maxLength={MESSAGE_MAX_LENGTH}
        value={values.texte}
        error={errors?.texte}
        hint={`Du texte simple, ${MESSAGE_MAX_LENGTH} caractères au plus. Par exemple : « Fermeture exceptionnelle le 24 décembre. »`}
      />
      <fieldset>
        <legend>Période d'affichage</legend>
        <DateField name="date_debut" label="Premier jour d'affichage" required value={values.date_debut} error={errors?.date_debut} />
        <DateField name="date_fin" label="Dernier jour d'affichage" required value={values.date_fin} error={errors?.date_fin} more="Le message reste affiché jusqu'à la fin de ce jour." />
      </fieldset>
    </>
  );
}

function MessageItem({ ctx, message, when }: { ctx: PageContext; message: StructureMessage; when: string }) {
  return (
    <li class="panel">
      <p class="structure-message">
        <MessageText body={message.body} />
      </p>
      <p class="hint">
        {when} {period(message)}
      </p>
      <div class="actions">
        <a class="button button-secondary" href={`${MESSAGES_URL}/${message.id}/modifier`}>
          Modifier<span class="visually-hidden"> le message « {shortText(message.body)} »</span>
        </a>
        <ConfirmAction
          action={`${MESSAGES_URL}/${message.id}/supprimer`}
          csrfToken={ctx.csrfToken}
          hidden={{ confirmation: 'oui' }}
          opener={
            <>
              Supprimer…<span class="visually-hidden"> le message « {shortText(message.body)} »</span>
            </>
          }
          question={`Supprimer le message « ${shortText(message.body)} » (affiché ${period(message)}) ? Il disparaît aussitôt du portail et de l'accueil.`}
          confirm="Oui, supprimer le message"
        />
      </div>
    </li>
  );
}

function MessageList({ ctx, id, title, empty, when, messages }: { ctx: PageContext; id: string; title: string; empty: string; when: string; messages: StructureMessage[] }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {messages.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <ul class="message-list">
          {messages.map((message) => (
            <MessageItem key={message.id} ctx={ctx} message={message} when={when} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** « Messages aux domiciliés »: publish one, and the structure's messages by period. */
export function MessagesPage({ ctx, lists, form }: { ctx: PageContext; lists: MessageLists; form?: MessageForm }) {
  return (
    <StaffLayout ctx={ctx} title="Messages aux domiciliés">
      <h1>Messages aux domiciliés</h1>
      <p>
        Un message s'affiche sur le portail usager de chacun de vos domiciliés, et sur la page d'accueil de l'équipe, du premier au dernier jour
        d'affichage inclus. Il est montré tel que vous l'écrivez, aussi aux domiciliés qui lisent le portail en anglais.
      </p>
      <MessageList ctx={ctx} id="messages-en-cours" title="Affichés en ce moment" empty="Aucun message affiché en ce moment." when="Affiché" messages={lists.current} />
      <MessageList ctx={ctx} id="messages-a-venir" title="À venir" empty="Aucun message à venir." when="Sera affiché" messages={lists.upcoming} />
      <section aria-labelledby="publier">
        <h2 id="publier">Publier un message</h2>
        <form method="post" action={MESSAGES_URL} class="panel">
          <CsrfField token={ctx.csrfToken} />
          <ErrorSummary errors={form?.errors} />
          <MessageFields form={form} />
          <button type="submit">Publier le message</button>
        </form>
      </section>
      <MessageList ctx={ctx} id="messages-termines" title="Terminés" empty="Aucun message terminé." when="A été affiché" messages={lists.past} />
      <p>
        <a href="/structure">Revenir à « Ma structure »</a>
      </p>
    </StaffLayout>
  );
}

export function EditMessagePage({ ctx, message, form }: { ctx: PageContext; message: StructureMessage; form?: MessageForm }) {
  return (
    <StaffLayout ctx={ctx} title="Modifier le message">
      <h1>Modifier le message</h1>
      <form method="post" action={`${MESSAGES_URL}/${message.id}`} class="panel">
        <CsrfField token={ctx.csrfToken} />
        <ErrorSummary errors={form?.errors} />
        <MessageFields form={form} message={message} />
        <div class="actions">
          <button type="submit">Enregistrer le message</button>
          <a href={MESSAGES_URL}>Annuler</a>
        </div>
      </form>
    </StaffLayout>
  );
}

/** The staff home's region: the messages the domiciliés read today, and where to write them. */
export function TodaysMessages({ ctx, messages }: { ctx: PageContext; messages: StructureMessage[] }) {
  const mayWrite = ctx.staff !== null && (allowed.deciders as readonly Role[]).includes(ctx.staff.role);
  if (messages.length === 0 && !mayWrite) return null;
  return (
    <section aria-labelledby="messages-du-jour">
      <h2 id="messages-du-jour">Messages aux domiciliés</h2>
      {messages.length === 0 ? (
        <p>Aucun message affiché sur le portail aujourd'hui.</p>
      ) : (
        <ul class="message-list">
          {messages.map((message) => (
            <li key={message.id} class="panel">
              <p class="structure-message">
                <MessageText body={message.body} />
              </p>
              <p class="hint">Affiché {period(message)}</p>
            </li>
          ))}
        </ul>
      )}
      {mayWrite ? (
        <p>
          <a href={MESSAGES_URL}>Publier ou modifier les messages aux domiciliés</a>
        </p>
      ) : null}
    </section>
  );
}

/** « Ma structure » points to the messages for those who may write them. */
export function MessagesLink({ ctx }: { ctx: PageContext }) {
  if (!ctx.staff || !(allowed.deciders as readonly Role[]).includes(ctx.staff.role)) return null;
  return (
    <section aria-labelledby="messages-titre">
      <h2 id="messages-titre">Messages aux domiciliés</h2>
      <p>
        Une fermeture exceptionnelle, de nouveaux horaires ? <a href={MESSAGES_URL}>Publier un message aux domiciliés</a> : il s'affiche sur leur portail aux dates
        que vous choisissez.
      </p>
    </section>
  );
}
