import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addMonths, formatDateTime, formatDay, formatLongDate, formatTime, isoDateIn, parseDate } from './dates.ts';

test('instants are shown in the structure time zone', () => {
  const lateEvening = new Date('2026-03-14T23:30:00Z');
  assert.equal(isoDateIn(lateEvening, 'Europe/Paris'), '2026-03-15');
  assert.equal(formatDay(lateEvening, 'Europe/Paris'), '15/03/2026');
  assert.equal(formatDateTime(lateEvening, 'Europe/Paris'), '15/03/2026 à 00:30');
  assert.equal(formatDateTime(lateEvening, 'America/Cayenne'), '14/03/2026 à 20:30');
});

test('dates and times match Intl in every French time zone, across clock changes', () => {
  const zones = ['Europe/Paris', 'America/Cayenne', 'America/Guadeloupe', 'America/Martinique', 'America/Miquelon', 'Indian/Reunion', 'Indian/Mayotte', 'Pacific/Noumea', 'Pacific/Tahiti', 'Pacific/Wallis'];
  const instants: number[] = [];
  for (let ms = Date.UTC(2025, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 97 * 60_000 + 7_013) instants.push(ms);
  // Around the 2026 clock changes of Paris (29 March, 25 October at 01:00 UTC) and Miquelon (8 March, 1 November).
  for (const change of [Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 9, 25, 1), Date.UTC(2026, 2, 8, 5), Date.UTC(2026, 10, 1, 4)]) {
    for (const delta of [-3_600_001, -1000, -1, 0, 1, 999, 1000, 3_599_999]) instants.push(change + delta);
  }
  for (const timeZone of zones) {
    const day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    const dateTime = new Intl.DateTimeFormat('fr-FR', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
    for (const ms of instants) {
      const instant = new Date(ms);
      assert.equal(isoDateIn(instant, timeZone), day.format(instant), `${timeZone} ${instant.toISOString()}`);
      assert.equal(formatDateTime(instant, timeZone), dateTime.format(instant).replace(' ', ' à '), `${timeZone} ${instant.toISOString()}`);
    }
  }
});

test('a typed date is a real day as jj/mm/aaaa or aaaa-mm-jj; empty is null, anything else undefined', () => {
  assert.equal(parseDate('14/03/1985'), '1985-03-14');
  assert.equal(parseDate(' 1/2/2000 '), '2000-02-01');
  assert.equal(parseDate('1992-06-30'), '1992-06-30');
  assert.equal(parseDate('29/02/2024'), '2024-02-29');
  assert.equal(parseDate(''), null);
  assert.equal(parseDate('   '), null);
  assert.equal(parseDate(undefined), null);
  for (const impossible of ['31/02/2024', '29/02/2023', '2024-02-31', '32/01/2024', '01/13/2024', '00/01/2024', '14/03/85', '1992-6-30', '14.03.1985', 'demain']) {
    assert.equal(parseDate(impossible), undefined, impossible);
  }
});

test('a typed date lies between 1900 and 2199, the same rule for both forms', () => {
  assert.equal(parseDate('01/01/1900'), '1900-01-01');
  assert.equal(parseDate('1900-01-01'), '1900-01-01');
  assert.equal(parseDate('31/12/2199'), '2199-12-31');
  assert.equal(parseDate('2199-12-31'), '2199-12-31');
  for (const outside of ['31/12/1899', '1899-12-31', '01/01/2200', '2200-01-01', '01/01/0001', '0001-01-01', '31/12/9999', '9999-12-31', '01/01/10000']) {
    assert.equal(parseDate(outside), undefined, outside);
  }
});

test('the time of day is read in the time zone', () => {
  const instant = new Date('2026-07-01T22:05:00Z');
  assert.equal(formatTime(instant, 'Europe/Paris'), '00:05');
  assert.equal(formatTime(instant, 'Pacific/Tahiti'), '12:05');
});

test('adding months keeps the day within the month', () => {
  assert.equal(addMonths('2026-01-31', 1), '2026-02-28');
  assert.equal(addMonths('2026-11-26', 2), '2027-01-26');
  assert.equal(formatLongDate('2026-11-26'), '26 novembre 2026');
});
