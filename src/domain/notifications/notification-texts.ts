import type { NotificationKind } from '../../db/schema.ts';
import { formatDate, type IsoDate } from '../../shared/dates.ts';

/**
 * The words of the messages sent to people: the message is the text itself, as a letter's
 * words are (test/architecture.test.ts lists this file). Plain, short, with no detail of the
 * mail (neither sender nor kind): a phone's screen may be seen by others.
 */
export type MessageLanguage = 'fr' | 'en';

/**
 * The person's language, from the record's « Langue parlée » (typed freely): English when it
 * names English and not French, French otherwise (the portal keeps its choice in a cookie
 * only, unknown to the server).
 */
export function messageLanguage(spoken: string | null): MessageLanguage {
  const words = (spoken ?? '').toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const english = /\b(anglais|english|en)\b/.test(words);
  const french = /\b(francais|french|fr)\b/.test(words);
  return english && !french ? 'en' : 'fr';
}

export type MessageFacts = { structureName: string; endDate: IsoDate | null; link: string | null };
export type Message = { subject: string; text: string };

const longEnglishDate = (date: IsoDate) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));

const texts: Record<MessageLanguage, Record<NotificationKind, (facts: MessageFacts) => Message>> = {
  fr: {
    courrier: ({ structureName }) => ({ subject: 'Du courrier vous attend', text: `Vous avez du courrier à retirer à ${structureName}.` }),
    echeance_proche: ({ structureName, endDate }) => ({
      subject: 'Votre domiciliation se termine bientôt',
      text: `Votre domiciliation à ${structureName} se termine le ${formatDate(endDate)}. Pour la renouveler, adressez-vous à ${structureName} dès maintenant.`,
    }),
    echeance_passee: ({ structureName, endDate }) => ({
      subject: 'Votre domiciliation est terminée',
      text: `Votre domiciliation à ${structureName} a pris fin le ${formatDate(endDate)}. Pour la renouveler, adressez-vous à ${structureName}.`,
    }),
    confirmation_email: ({ structureName, link }) => ({
      subject: 'Confirmez votre adresse e-mail',
      text: `Pour recevoir les messages de ${structureName} à cette adresse, ouvrez ce lien :\n${link ?? ''}\n\nSi vous n’avez rien demandé, ne faites rien : l’adresse ne sera pas utilisée.`,
    }),
  },
  en: {
    courrier: ({ structureName }) => ({ subject: 'Mail is waiting for you', text: `You have mail to collect at ${structureName}.` }),
    echeance_proche: ({ structureName, endDate }) => ({
      subject: 'Your postal address ends soon',
      text: `Your postal address at ${structureName} ends on ${endDate ? longEnglishDate(endDate) : ''}. To renew it, contact ${structureName} now.`,
    }),
    echeance_passee: ({ structureName, endDate }) => ({
      subject: 'Your postal address has ended',
      text: `Your postal address at ${structureName} ended on ${endDate ? longEnglishDate(endDate) : ''}. To renew it, contact ${structureName}.`,
    }),
    confirmation_email: ({ structureName, link }) => ({
      subject: 'Confirm your e-mail address',
      text: `To receive messages from ${structureName} at this address, open this link:\n${link ?? ''}\n\nIf you did not ask for this, do nothing: the address will not be used.`,
    }),
  },
};

export function messageFor(kind: NotificationKind, language: MessageLanguage, facts: MessageFacts): Message {
  return texts[language][kind](facts);
}
