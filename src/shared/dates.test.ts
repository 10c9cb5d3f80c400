import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addMonths, formatDateTime, formatDay, formatLongDate, isoDateIn, parseFrenchDate } from './dates.ts';

test('instants are shown in the structure time zone', () => {
  const lateEvening = new Date('2026-03-14T23:30:00Z');
  assert.equal(isoDateIn(lateEvening, 'Europe/Paris'), '2026-03-15');
  assert.equal(formatDay(lateEvening, 'Europe/Paris'), '15/03/2026');
  assert.equal(formatDateTime(lateEvening, 'Europe/Paris'), '15/03/2026 à 00:30');
  assert.equal(formatDateTime(lateEvening, 'America/Cayenne'), '14/03/2026 à 20:30');
});

test('French dates are parsed strictly', () => {
  assert.equal(parseFrenchDate('14/03/1985'), '1985-03-14');
  assert.equal(parseFrenchDate('1/2/2000'), '2000-02-01');
  assert.equal(parseFrenchDate('31/02/2000'), null);
  assert.equal(parseFrenchDate('2000-02-01'), null);
});

test('adding months keeps the day within the month', () => {
  assert.equal(addMonths('2026-01-31', 1), '2026-02-28');
  assert.equal(addMonths('2026-11-26', 2), '2027-01-26');
  assert.equal(formatLongDate('2026-11-26'), '26 novembre 2026');
});
