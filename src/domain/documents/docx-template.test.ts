import assert from 'node:assert/strict';
import { test } from 'node:test';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { field, fillTemplate, lines, templateFrom } from './docx-template.ts';

const documentXml = `<w:document><w:p><w:r><w:t>${field('recipient')}</w:t></w:r></w:p><w:p><w:r><w:t>Dossier ${field('dossier')}</w:t></w:r></w:p></w:document>`;
const coreXml = '<cp:coreProperties><dcterms:created xsi:type="dcterms:W3CDTF">2020-01-01T00:00:00Z</dcterms:created></cp:coreProperties>';
const stylesXml = `<w:styles>${'<w:style w:styleId="Normal"><w:name w:val="Normal"/></w:style>'.repeat(50)}</w:styles>`;
const image = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

// What the docx library hands over: a whole .docx with markers in its text.
const laidOut = zipSync({
  '[Content_Types].xml': strToU8('<Types/>'),
  'word/document.xml': strToU8(documentXml),
  'word/styles.xml': strToU8(stylesXml),
  'word/media/image1.png': image,
  'docProps/core.xml': strToU8(coreXml),
});

test('a filled document holds the values as text, escaped, and the date of its making', () => {
  const template = templateFrom(laidOut);
  const now = new Date('2026-11-26T14:05:32.000Z');
  const docx = fillTemplate(template, { recipient: `Zoé LEFÈVRE-N'DIAYE <"&">`, dossier: '42' }, now);
  const files = unzipSync(docx);
  assert.deepEqual(Object.keys(files).sort(), ['[Content_Types].xml', 'docProps/core.xml', 'word/document.xml', 'word/media/image1.png', 'word/styles.xml']);
  const xml = strFromU8(files['word/document.xml']!);
  assert.ok(xml.includes('<w:t>Zoé LEFÈVRE-N&apos;DIAYE &lt;&quot;&amp;&quot;&gt;</w:t>'), xml);
  assert.ok(xml.includes('<w:t>Dossier 42</w:t>'));
  assert.doesNotMatch(xml, /DOCXFIELD/);
  assert.match(strFromU8(files['docProps/core.xml']!), /<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-26T14:05:32\.000Z</);
  assert.equal(strFromU8(files['word/styles.xml']!), stylesXml);
  assert.deepEqual(files['word/media/image1.png'], image);
});

test('the same template fills many documents, each with its own values', () => {
  const template = templateFrom(laidOut);
  const now = new Date('2026-11-26T14:05:32Z');
  const first = fillTemplate(template, { recipient: 'Marie DUPONT', dossier: '1' }, now);
  const second = fillTemplate(template, { recipient: 'Ali BEN SAÏD', dossier: '2' }, now);
  assert.match(strFromU8(unzipSync(first)['word/document.xml']!), /Marie DUPONT.*Dossier 1</);
  assert.match(strFromU8(unzipSync(second)['word/document.xml']!), /Ali BEN SAÏD.*Dossier 2</);
});

test('every part is deflated, in the order of the laid out document', () => {
  const docx = fillTemplate(templateFrom(laidOut), { recipient: 'Marie DUPONT', dossier: '1' }, new Date());
  const methods: [string, number][] = [];
  unzipSync(docx, { filter: (file) => (methods.push([file.name, file.compression]), false) });
  const deflate = 8;
  assert.deepEqual(methods, [
    ['[Content_Types].xml', deflate],
    ['word/document.xml', deflate],
    ['word/styles.xml', deflate],
    ['word/media/image1.png', deflate],
    ['docProps/core.xml', deflate],
  ]);
  assert.ok(docx.length < stylesXml.length / 2, 'the repeated styles shrink');
});

test('a marker without its value is refused rather than printed', () => {
  assert.throws(() => fillTemplate(templateFrom(laidOut), { recipient: 'Marie DUPONT' }, new Date()), /DOSSIER/);
});

// A paragraph as the docx library writes it: properties (style, keep with next), then runs.
const para = (...runs: string[]) => `<w:p><w:pPr><w:pStyle w:val="Sender"/><w:keepNext/></w:pPr>${runs.map((run) => `<w:r><w:t xml:space="preserve">${run}</w:t></w:r>`).join('')}</w:p>`;
const withLines = zipSync({
  'word/document.xml': strToU8(
    `<w:document><w:body>${para(field('name'))}${para(lines('address'))}${para('Agrément : ', lines('agrement'), ` (${field('name')})`)}${para('Fin')}</w:body></w:document>`,
  ),
});
const paragraphsOf = (docx: Uint8Array) => [...strFromU8(unzipSync(docx)['word/document.xml']!).matchAll(/<w:p>.*?<\/w:p>/g)].map(([xml]) => xml);

test('a `lines` paragraph is written once per value, its style, label and fields kept; none without a value', () => {
  const now = new Date();
  const full = paragraphsOf(fillTemplate(templateFrom(withLines), { name: 'Abri', address: ['BP 4012', '69341 Lyon Cedex 07'], agrement: ['n° 69-017'] }, now));
  assert.deepEqual(full, [para('Abri'), para('BP 4012'), para('69341 Lyon Cedex 07'), para('Agrément : ', 'n° 69-017', ' (Abri)'), para('Fin')]);
  const bare = paragraphsOf(fillTemplate(templateFrom(withLines), { name: 'Abri', address: [], agrement: [] }, now));
  assert.deepEqual(bare, [para('Abri'), para('Fin')], 'no empty line, no stray label');
});

test('values in `lines` are escaped, and a value that looks like a marker stays text', () => {
  const docx = fillTemplate(templateFrom(withLines), { name: `DOCXFIELDNAMEEND & Cie`, address: [`<b>"L'Abri"</b>`, lines('address')], agrement: [field('name')] }, new Date());
  assert.deepEqual(paragraphsOf(docx), [
    para('DOCXFIELDNAMEEND &amp; Cie'),
    para('&lt;b&gt;&quot;L&apos;Abri&quot;&lt;/b&gt;'),
    para('DOCXLINESADDRESSEND'),
    para('Agrément : ', 'DOCXFIELDNAMEEND', ' (DOCXFIELDNAMEEND &amp; Cie)'),
    para('Fin'),
  ]);
});

test('a text where lines are expected, or lines where a text is, is refused', () => {
  assert.throws(() => fillTemplate(templateFrom(withLines), { name: 'Abri', address: 'BP 4012', agrement: [] }, new Date()), /ADDRESS/);
  assert.throws(() => fillTemplate(templateFrom(withLines), { name: ['Abri'], address: [], agrement: [] }, new Date()), /NAME/);
});

test('a control character in a value is left out, so the document stays readable XML', () => {
  const docx = fillTemplate(templateFrom(laidOut), { recipient: 'Mar\u0001tin\u0000', dossier: '42' }, new Date('2026-11-26T14:05:32.000Z'));
  const xml = strFromU8(unzipSync(docx)['word/document.xml']!);
  assert.ok(xml.includes('<w:t>Martin</w:t>'), xml);
  assert.doesNotMatch(xml, /[\u0000-\u0008]/);
});
