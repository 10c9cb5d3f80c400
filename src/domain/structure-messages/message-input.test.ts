import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InvalidInput } from '../../shared/errors.ts';
import { checkMessage, MESSAGE_MAX_LENGTH, messagePeriod, type MessageInput, type StructureMessageProblem } from './message-input.ts';

const TODAY = '2026-12-20';
const good: MessageInput = { texte: 'Fermeture exceptionnelle le 24 décembre.', date_debut: '20/12/2026', date_fin: '24/12/2026' };

function problems(input: MessageInput): Record<string, StructureMessageProblem> {
  try {
    checkMessage(input, TODAY);
  } catch (error) {
    if (error instanceof InvalidInput) return error.fields as Record<string, StructureMessageProblem>;
    throw error;
  }
  assert.fail('the message should have been refused');
}

describe('a message typed by staff', () => {
  test('is kept trimmed, with one kind of line break, dates in French order or ISO', () => {
    assert.deepEqual(checkMessage({ texte: '  Nouveaux horaires :\r\nde 9 h à 12 h  ', date_debut: '2026-12-20', date_fin: '1/1/2027' }, TODAY), {
      body: 'Nouveaux horaires :\nde 9 h à 12 h',
      startDate: '2026-12-20',
      endDate: '2027-01-01',
    });
  });

  test('may start and end on the same day, and start before today when it ends today or later', () => {
    assert.equal(checkMessage({ ...good, date_debut: '24/12/2026', date_fin: '24/12/2026' }, TODAY).endDate, '2026-12-24');
    assert.equal(checkMessage({ ...good, date_debut: '01/12/2026', date_fin: '20/12/2026' }, TODAY).startDate, '2026-12-01');
  });

  test('says what is wrong with every field at once', () => {
    assert.deepEqual(problems({ texte: '   ', date_debut: '', date_fin: '' }), {
      texte: { code: 'message_texte_manquant' },
      date_debut: { code: 'message_debut_manquant' },
      date_fin: { code: 'message_fin_manquante' },
    });
    assert.deepEqual(problems({ ...good, date_debut: '31/02/2026', date_fin: '2026-13-01' }), {
      date_debut: { code: 'message_debut_invalide' },
      date_fin: { code: 'message_fin_invalide' },
    });
  });

  test('refuses an end before the start, and an end already passed', () => {
    assert.deepEqual(problems({ ...good, date_debut: '24/12/2026', date_fin: '23/12/2026' }), { date_fin: { code: 'message_fin_avant_debut' } });
    assert.deepEqual(problems({ ...good, date_debut: '01/12/2026', date_fin: '19/12/2026' }), { date_fin: { code: 'message_fin_passee', today: TODAY } });
  });

  test('counts characters as a person does, and refuses one more than the maximum', () => {
    const accented = 'é'.repeat(MESSAGE_MAX_LENGTH);
    assert.equal(checkMessage({ ...good, texte: accented }, TODAY).body, accented);
    assert.equal(checkMessage({ ...good, texte: '🙂'.repeat(MESSAGE_MAX_LENGTH) }, TODAY).body.length, MESSAGE_MAX_LENGTH * 2, 'an emoji is one character, two UTF-16 units');
    assert.deepEqual(problems({ ...good, texte: 'a'.repeat(MESSAGE_MAX_LENGTH + 1) }), { texte: { code: 'message_texte_trop_long', max: MESSAGE_MAX_LENGTH, length: MESSAGE_MAX_LENGTH + 1 } });
  });

  test('refuses the characters no field keeps (control characters, damaged text)', () => {
    for (const texte of ['Fermé\u0000', 'Ferm\uFFFDe', 'Fermé\u0007 demain', 'Mar\uD800tin']) {
      assert.deepEqual(problems({ ...good, texte }), { texte: { code: 'message_caracteres_interdits' } }, JSON.stringify(texte));
    }
  });
});

describe('the period of a message', () => {
  test('its first and last days are both shown', () => {
    const message = { start_date: '2026-12-24', end_date: '2026-12-26' };
    assert.equal(messagePeriod(message, '2026-12-23'), 'upcoming');
    assert.equal(messagePeriod(message, '2026-12-24'), 'current');
    assert.equal(messagePeriod(message, '2026-12-26'), 'current');
    assert.equal(messagePeriod(message, '2026-12-27'), 'past');
  });
});
