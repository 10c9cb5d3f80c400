import { forbiddenCharacters } from '../../shared/characters.ts';
import { parseDate, type IsoDate } from '../../shared/dates.ts';
import { InvalidInput } from '../../shared/errors.ts';

/** Long enough for new opening hours or a closing notice, short enough for a phone's screen. */
export const MESSAGE_MAX_LENGTH = 500;

/** What is wrong with a message typed by staff; the staff dictionary words it (decision 0027). */
export type StructureMessageProblem =
  | { code: 'message_texte_manquant' }
  | { code: 'message_texte_trop_long'; max: number; length: number }
  | { code: 'message_caracteres_interdits' }
  | { code: 'message_debut_manquant' }
  | { code: 'message_debut_invalide' }
  | { code: 'message_fin_manquante' }
  | { code: 'message_fin_invalide' }
  | { code: 'message_fin_avant_debut' }
  | { code: 'message_fin_passee'; today: IsoDate };

export type MessageInput = { texte?: string; date_debut?: string; date_fin?: string };
export type CheckedMessage = { body: string; startDate: IsoDate; endDate: IsoDate };

/** Characters as a person counts them: an emoji or an accented letter is one. */
const lengthOf = (text: string) => [...text].length;

function checkBody(raw: string | undefined, errors: Record<string, StructureMessageProblem>): string {
  // One kind of line break whatever the browser sent, so the length counted is the length kept.
  const body = (raw ?? '').replace(/\r\n?/g, '\n').trim();
  if (!body) errors.texte = { code: 'message_texte_manquant' };
  else if (forbiddenCharacters.test(body)) errors.texte = { code: 'message_caracteres_interdits' };
  else if (lengthOf(body) > MESSAGE_MAX_LENGTH) errors.texte = { code: 'message_texte_trop_long', max: MESSAGE_MAX_LENGTH, length: lengthOf(body) };
  return body;
}

/**
 * The message as it will be kept, or every field's problem at once. `today` is the structure's
 * calendar day: a message whose last day has passed would never be shown.
 */
export function checkMessage(input: MessageInput, today: IsoDate): CheckedMessage {
  const errors: Record<string, StructureMessageProblem> = {};
  const body = checkBody(input.texte, errors);
  const start = parseDate(input.date_debut);
  const end = parseDate(input.date_fin);
  if (start === null) errors.date_debut = { code: 'message_debut_manquant' };
  else if (start === undefined) errors.date_debut = { code: 'message_debut_invalide' };
  if (end === null) errors.date_fin = { code: 'message_fin_manquante' };
  else if (end === undefined) errors.date_fin = { code: 'message_fin_invalide' };
  else if (start && end < start) errors.date_fin = { code: 'message_fin_avant_debut' };
  else if (end < today) errors.date_fin = { code: 'message_fin_passee', today };
  if (Object.keys(errors).length > 0) throw new InvalidInput<StructureMessageProblem>(errors);
  return { body, startDate: start!, endDate: end! };
}

export type MessagePeriod = 'current' | 'upcoming' | 'past';

/** Where a message stands on the structure's calendar day: its first and last days are both shown. */
export function messagePeriod(message: { start_date: IsoDate; end_date: IsoDate }, today: IsoDate): MessagePeriod {
  if (message.end_date < today) return 'past';
  return message.start_date > today ? 'upcoming' : 'current';
}
