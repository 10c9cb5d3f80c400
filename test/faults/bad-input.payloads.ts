/** What a hostile or careless client may put in one field, by the kind of field. */
export type FieldKind = 'text' | 'multiline' | 'secret' | 'email' | 'date' | 'count' | 'choice' | 'uuid' | 'list';

/** One value of a field as it goes on the wire: text to percent-encode, or bytes written as they are. */
export type WireValue = { text: string } | { raw: string } | { repeated: string[] };

export type FieldPayload = { label: string; value: WireValue };

const text = (label: string, value: string): FieldPayload => ({ label, value: { text: value } });

/** Sent to every field, whatever its kind. */
const everyField: FieldPayload[] = [
  text('empty', ''),
  text('60 KB', 'a'.repeat(60_000)),
  text('100 KB', 'b'.repeat(100_000)),
  text('long accented', 'É'.repeat(6_000)),
  text('NUL', 'Mar\u0000tin'),
  text('escape sequence', 'Martin\u001B[2J'),
  text('DEL and C1 control', 'Mar\u007F\u0085tin'),
  text('tab', 'Mar\ttin'),
  text('line feed', 'Martin\nDupont'),
  text('zero-width and BOM', '\uFEFF\u200BMar\u200Ctin\u200D'),
  text('right-to-left override', '\u202Egnp.exe\u202C'),
  text('direction marks', '\u200Fمحمد\u200E \u2067Ali\u2069'),
  text('replacement character', 'Mar\uFFFDtin 100%'),
  text('emoji', '👩‍👩‍👧 Martin'),
  text('markup', '<script>alert(1)</script>'),
  text('quotes', `O'Brien "Jo" \\ %`),
  text('plus and ampersand', 'a+b&c=d'),
  { label: 'raw invalid UTF-8 %FF', value: { raw: '%FF' } },
  { label: 'raw truncated UTF-8 %C3%28', value: { raw: 'Caf%C3%28' } },
  { label: 'raw broken percent %ZZ', value: { raw: 'Caf%ZZ' } },
  { label: 'raw encoded surrogate', value: { raw: '%ED%A0%80' } },
  { label: 'duplicated field', value: { repeated: ['Martin', 'Dupont'] } },
];

const dates = ['31/02/2024', '29/02/2023', '00/00/0000', '01/01/0001', '31/12/9999', '01/01/10000', '2024-02-31', '0001-01-01', '9999-12-31', '32/13/2024', '-1/01/2024', '01/01/-2024', '1/1/1', 'aujourd’hui'];
const numbers = ['-1', '-0', '99999999999999999999', '2147483648', '1e308', 'NaN', 'Infinity', '1.5', '0x10', '١٢'];
const uuids = ['pas-un-uuid', '00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', "' OR '1'='1"];
const choices = ['inconnu', 'OUI', 'valide ', 'constructor', '__proto__'];
const emails = ['a@b', '@', 'é@é.fr', `${'x'.repeat(250)}@t.fr`, 'a@b.fr\u0000', 'a@b.fr, c@d.fr'];
const secrets = [' ', 'é'.repeat(257), 'Correct horse battery staple'];

const byKind: Record<FieldKind, string[]> = {
  text: [],
  multiline: ['ligne 1\r\nligne 2\tfin', '\n'.repeat(5000), 'Mar\uD800tin'],
  secret: secrets,
  email: emails,
  date: [...dates, '-1', '99999999999999999999'],
  count: numbers,
  choice: choices,
  uuid: uuids,
  list: choices,
};

export function fieldPayloads(kind: FieldKind): FieldPayload[] {
  const specific = byKind[kind].map((value) => text(`${kind} ${JSON.stringify(value.slice(0, 20))}`, value));
  const lists = kind === 'list' ? [{ label: 'four items', value: { repeated: ['courrier', 'colis', 'avis_passage', 'courrier'] } }] : [];
  return [...everyField, ...specific, ...lists];
}

/** A few field payloads for callers the route is not for: they must be turned away, never break. */
export const fewFieldPayloads: FieldPayload[] = everyField.filter((payload) => ['NUL', '100 KB', 'raw invalid UTF-8 %FF', 'duplicated field'].includes(payload.label));

/** Values put in place of a path parameter. */
export const paramPayloads = ['pas-un-uuid', '%00', '%ZZ', '%C3%28', '%E2%80%8B', '..%2F..%2Fpackage.json', 'a'.repeat(500), '00000000-0000-0000-0000-000000000000', '%20'];

/** Whole bodies or headers for a POST, independent of its fields. */
export const TEN_MEGABYTES = Buffer.alloc(10 * 1024 * 1024, 'a');
export const bodyPayloads: { label: string; contentType?: string; body?: string | Buffer }[] = [
  { label: 'no body, no content type' },
  { label: 'empty form', contentType: 'application/x-www-form-urlencoded', body: '' },
  { label: '10 MB', contentType: 'application/x-www-form-urlencoded', body: TEN_MEGABYTES },
  { label: 'just over 64 KB', contentType: 'application/x-www-form-urlencoded', body: `a=${'x'.repeat(64 * 1024)}` },
  { label: 'JSON', contentType: 'application/json', body: '{"nom": "Martin", "__proto__": {"admin": true}}' },
  { label: 'broken JSON', contentType: 'application/json', body: '{"nom": ' },
  { label: 'plain text', contentType: 'text/plain', body: 'nom=Martin' },
  { label: 'multipart', contentType: 'multipart/form-data; boundary=X', body: '--X\r\nContent-Disposition: form-data; name="nom"\r\n\r\nMartin\r\n--X--\r\n' },
  { label: 'XML', contentType: 'application/xml', body: '<nom>Martin</nom>' },
  { label: 'form in Latin-1', contentType: 'application/x-www-form-urlencoded; charset=iso-8859-1', body: 'nom=Caf%E9' },
  { label: 'garbage content type', contentType: ';;;=', body: 'nom=Martin' },
  { label: 'prototype keys', contentType: 'application/x-www-form-urlencoded', body: '__proto__=x&constructor=y&hasOwnProperty=z&__proto__%5Badmin%5D=1' },
  { label: '10,000 empty fields', contentType: 'application/x-www-form-urlencoded', body: '&'.repeat(10_000) },
  { label: '5,000 repeated fields', contentType: 'application/x-www-form-urlencoded', body: 'a=1&'.repeat(5_000) },
];

/** Query strings for any GET, whatever it reads. */
export const queryPayloads = ['?x=%00', '?x=%FF', '?x=%ZZ', '?a=1&a=2', `?x=${'q'.repeat(100_000)}`, '?__proto__=1', '?=&&=', '?%E2%80%AE=1'];
