import { formatDate, formatDay, formatTime, isoDateIn } from '../../shared/dates.ts';
import { echeanceState } from '../../domain/decisions/status.ts';
import type { Structure } from '../../domain/structures/structures.service.ts';
import { countsText, courrierTypes, total } from '../../domain/courriers/mail-counts.ts';
import type { PortalPageContext } from './portal-context.ts';
import { PortalLayout } from './portal-layout.tsx';
import type { HistoryEvent, PortalActor, WaitingItem } from '../../domain/portal/portal.service.ts';
import type { PortalNotices } from '../../domain/portal/portal-notices.service.ts';
import { Mandates, StructureMessages } from './portal-notices.views.tsx';

function timeOf(ctx: PortalPageContext, instant: Date, timeZone: string) {
  return ctx.t.dateTime(formatDay(instant, timeZone), formatTime(instant, timeZone));
}

function MailWaiting({ ctx, actor, items, moreItems }: { ctx: PortalPageContext; actor: PortalActor; items: WaitingItem[]; moreItems: boolean }) {
  const t = ctx.t.home;
  return (
    <section aria-labelledby="courrier">
      <h2 id="courrier">{t.mailHeading}</h2>
      {total(actor.waiting) === 0 ? (
        <p class="panel">{t.noMail}</p>
      ) : (
        <>
          <ul class="counts">
            {courrierTypes
              .filter((type) => actor.waiting[type] > 0)
              .map((type) => (
                <li key={type}>
                  <strong>{actor.waiting[type]}</strong> {t.typeLabel(type, actor.waiting[type])}
                </li>
              ))}
          </ul>
          <ul class="mail-items">
            {items.map((item) => (
              <li key={item.id}>
                {countsText(item.counts, t.typeLabel)}, {t.receivedOn(formatDay(item.received_at, actor.timezone), total(item.counts))}
                {item.comment ? (
                  <>
                    <br />
                    {t.comment} {ctx.t.quote(item.comment)}
                  </>
                ) : null}
              </li>
            ))}
          </ul>
          {moreItems ? <p>{t.moreItems}</p> : null}
          <p>{t.collect}</p>
          {actor.waiting.avis_passage > 0 ? <p class="warning">{t.avisHint}</p> : null}
        </>
      )}
    </section>
  );
}

function Domiciliation({ ctx, actor }: { ctx: PortalPageContext; actor: PortalActor }) {
  const t = ctx.t.home;
  const end = formatDate(actor.endDate);
  const state = echeanceState(actor.status, actor.endDate, isoDateIn(new Date(), actor.timezone));
  const notice =
    actor.status === 'radie' ? { class: 'alert', text: t.radie }
    : actor.status === 'refuse' ? { class: 'alert', text: t.refuse }
    : actor.status !== 'valide' ? { class: 'panel', text: t.pending }
    : state === 'passed' ? { class: 'alert', text: t.passed(end) }
    : state === 'soon' ? { class: 'warning', text: t.soon(end) }
    : null;
  return (
    <section aria-labelledby="domiciliation">
      <h2 id="domiciliation">{t.domiciliationHeading}</h2>
      <p>
        {t.status} <strong>{t.statusLabels[actor.status]}</strong>
      </p>
      {actor.status === 'valide' && actor.startDate && actor.endDate ? <p>{t.period(formatDate(actor.startDate), end)}</p> : null}
      {notice ? <p class={notice.class}>{notice.text}</p> : null}
    </section>
  );
}

/** Laid out line by line as on an envelope, last line in capitals as La Poste asks. */
function PostalAddress({ ctx, actor, structure }: { ctx: PortalPageContext; actor: PortalActor; structure: Structure }) {
  const t = ctx.t.home;
  return (
    <section aria-labelledby="adresse">
      <h2 id="adresse">{t.addressHeading}</h2>
      {actor.status === 'valide' ? (
        <>
          <p>{t.addressIntro}</p>
          <p class="envelope">
            {actor.prenom} {actor.nom.toUpperCase()}
            <br />
            {t.care} {structure.name}
            <br />
            {structure.street}
            <br />
            {structure.postcode} {structure.city.toUpperCase()}
          </p>
        </>
      ) : (
        <p>{t.addressUnavailable}</p>
      )}
    </section>
  );
}

function Contact({ ctx, structure }: { ctx: PortalPageContext; structure: Structure }) {
  const t = ctx.t.home;
  return (
    <section aria-labelledby="contact">
      <h2 id="contact">{t.contactHeading}</h2>
      <p>
        <strong>{structure.name}</strong>
      </p>
      <dl class="details">
        <dt>{t.address}</dt>
        <dd>
          {structure.street}, {structure.postcode} {structure.city}
        </dd>
        <dt>{t.phone}</dt>
        <dd>{structure.phone ? <a href={`tel:${structure.phone.replace(/[^+\d]/g, '')}`}>{structure.phone}</a> : ctx.t.notGiven}</dd>
        <dt>{t.email}</dt>
        <dd>{structure.email ? <a href={`mailto:${structure.email}`}>{structure.email}</a> : ctx.t.notGiven}</dd>
        <dt>{t.hours}</dt>
        <dd>{structure.opening_hours || ctx.t.notGiven}</dd>
      </dl>
    </section>
  );
}

type HomePageProps = { ctx: PortalPageContext; actor: PortalActor; structure: Structure; items: WaitingItem[]; moreItems: boolean; notices: PortalNotices };

export function HomePage({ ctx, actor, structure, items, moreItems, notices }: HomePageProps) {
  const t = ctx.t.home;
  return (
    <PortalLayout ctx={ctx} title={t.title}>
      <h1>{t.hello(actor.prenom, actor.nom.toUpperCase())}</h1>
      <StructureMessages ctx={ctx} notices={notices} />
      <MailWaiting ctx={ctx} actor={actor} items={items} moreItems={moreItems} />
      <p>
        <a href="/portail/historique">{t.historyLink}</a>
      </p>
      <p>
        <a href="/portail/avis">{ctx.t.notices.homeLink}</a>
      </p>
      <p>
        <a href="/portail/documents">{t.documentsLink}</a>
      </p>
      <Mandates ctx={ctx} notices={notices} />
      <Domiciliation ctx={ctx} actor={actor} />
      <PostalAddress ctx={ctx} actor={actor} structure={structure} />
      <section aria-labelledby="passage">
        <h2 id="passage">{t.lastVisitHeading}</h2>
        <p>{actor.lastVisitAt ? t.lastVisit(formatDay(actor.lastVisitAt, actor.timezone)) : t.noVisit}</p>
        <p>{t.reminder}</p>
      </section>
      <Contact ctx={ctx} structure={structure} />
    </PortalLayout>
  );
}

function eventDetail(ctx: PortalPageContext, event: HistoryEvent): string {
  const t = ctx.t.history;
  const counts = countsText(event, ctx.t.home.typeLabel);
  if (event.kind === 'reception') return [counts, event.comment ? `${ctx.t.home.comment} ${ctx.t.quote(event.comment)}` : ''].filter(Boolean).join('. ');
  if (event.kind === 'hand_out') return [counts, event.recipient === 'mandataire' ? t.toProxy : event.recipient === 'domicilie' ? t.toYou : ''].filter(Boolean).join(' ');
  return counts;
}

export function HistoryPage({ ctx, actor, events, next, isFirstPage }: { ctx: PortalPageContext; actor: PortalActor; events: HistoryEvent[]; next: string | null; isFirstPage: boolean }) {
  const t = ctx.t.history;
  return (
    <PortalLayout ctx={ctx} title={t.title}>
      <h1>{t.title}</h1>
      {events.length === 0 ? (
        <p class="panel">{t.empty}</p>
      ) : (
        <ol class="portal-history" aria-label={t.caption}>
          {events.map((event) => (
            <li key={event.id}>
              <span class="history-when">{timeOf(ctx, event.created_at, actor.timezone)}</span> <strong>{t.kinds[event.kind]}</strong>
              {eventDetail(ctx, event) ? ` – ${eventDetail(ctx, event)}` : null}
            </li>
          ))}
        </ol>
      )}
      {next || !isFirstPage ? (
        <nav aria-label={t.pagination} class="actions">
          {!isFirstPage ? <a href="/portail/historique">{t.newest}</a> : null}
          {next ? (
            <a href={`/portail/historique?avant=${next}`} rel="next">
              {t.older}
            </a>
          ) : null}
        </nav>
      ) : null}
    </PortalLayout>
  );
}
