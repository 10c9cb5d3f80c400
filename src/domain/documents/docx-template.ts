import { deflateRawSync } from 'node:zlib';
import { strFromU8, unzipSync, Zip, ZipPassThrough } from 'fflate';

/**
 * A Word document built once with markers where the per-document values go, then filled for each
 * document by replacing the markers in its XML: the docx library spends most of its time laying out
 * styles, numbering and images that are the same on every page it prints. The parts without
 * markers are compressed once too; only the filled ones are compressed per document.
 * Shared by every Word document the domain makes (the portal's access document, the letters):
 * one way to fill a document (decision 0025).
 */
export type DocxTemplate = { parts: (CompressedPart | { name: string; xml: string })[] };

type CompressedPart = { name: string; content: Uint8Array; deflated: Uint8Array };

/** What fills a template: a text for each `field`, a list of texts for each `lines`. */
export type DocxValues = Record<string, string | readonly string[]>;

/** The marker of a field: plain letters, so the docx library writes it untouched. */
export const field = (name: string) => `DOCXFIELD${name.toUpperCase()}END`;

/**
 * The marker of a paragraph written once per value, in order, and left out when there is none:
 * address lines of any number, or a paragraph that is there or not (a label in it goes with it),
 * so that a missing value leaves neither an empty line nor a stray label.
 */
export const lines = (name: string) => `DOCXLINES${name.toUpperCase()}END`;

const anyMarker = /DOCX(?:FIELD|LINES)[A-Z_]+END/;
const fieldPattern = /DOCXFIELD([A-Z_]+)END/g;
/** A whole paragraph holding a `lines` marker (`<w:p\b` is not `<w:pPr>`), or a field anywhere. */
const markerPattern = /<w:p\b(?:(?!<w:p\b|<\/w:p>)[\s\S])*?DOCXLINES([A-Z_]+)END[\s\S]*?<\/w:p>|DOCXFIELD([A-Z_]+)END/g;
const linesMarker = /DOCXLINES[A-Z_]+END/;
const datedProperty = /(<dcterms:(?:created|modified) xsi:type="dcterms:W3CDTF">)[^<]*/g;

const xmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
// XML 1.0 has no place for control characters: a value carrying one would make the document unreadable.
const notInXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const escapeXml = (value: string) => value.replace(notInXml, '').replace(/[&<>"']/g, (char) => xmlEntities[char]!);

// Node's zlib deflates many times faster than fflate's JavaScript, whose `zipSync` made the route
// markedly slower (decision 0025); fflate still writes every header and the directory.
const compressed = (name: string, content: Uint8Array): CompressedPart => ({ name, content, deflated: deflateRawSync(content, { level: 6 }) });

/**
 * fflate's extension point for another compressor: the entry computes CRC and size from the
 * source pushed into it, and hands on the deflated bytes instead of the source.
 * Every part is deflated, images too: a stored entry followed by a data descriptor, as a streamed
 * archive writes them, is what some readers refuse.
 */
class DeflatedEntry extends ZipPassThrough {
  constructor(
    name: string,
    private readonly deflated: Uint8Array,
  ) {
    super(name);
    this.compression = 8;
  }

  protected override process(_source: Uint8Array, final: boolean): void {
    this.ondata(null, this.deflated as Uint8Array<ArrayBuffer>, final);
  }
}

export function templateFrom(docx: Uint8Array): DocxTemplate {
  const parts = Object.entries(unzipSync(docx)).map(([name, content]) => {
    if (name.startsWith('word/media/')) return compressed(name, content);
    const xml = strFromU8(content);
    return anyMarker.test(xml) || xml.search(datedProperty) >= 0 ? { name, xml } : compressed(name, content);
  });
  return { parts };
}

/** The document with every marker replaced by its value (as text) and the creation date set to `now`. */
export function fillTemplate(template: DocxTemplate, values: DocxValues, now: Date): Buffer {
  const chunks: Uint8Array[] = [];
  const archive = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  for (const part of template.parts) {
    const { name, content, deflated } = 'xml' in part ? filled(part, values, now) : part;
    const entry = new DeflatedEntry(name, deflated);
    entry.mtime = now;
    archive.add(entry);
    entry.push(content, true);
  }
  archive.end();
  return Buffer.concat(chunks);
}

function textOf(values: DocxValues, key: string): string {
  const value = values[key.toLowerCase()];
  if (typeof value !== 'string') throw new Error(`no text for the document field ${key}`);
  return escapeXml(value);
}

function linesOf(values: DocxValues, key: string): readonly string[] {
  const value = values[key.toLowerCase()];
  if (!Array.isArray(value)) throw new Error(`no list of texts for the document lines ${key}`);
  return value;
}

const fillFields = (xml: string, values: DocxValues) => xml.replace(fieldPattern, (_marker, key: string) => textOf(values, key));

// One pass over the template's XML: a value put in is never searched for markers.
function filled(part: { name: string; xml: string }, values: DocxValues, now: Date): CompressedPart {
  const xml = part.xml
    .replace(markerPattern, (match, list: string | undefined, key: string | undefined) => {
      if (key) return textOf(values, key);
      const [before, after] = match.split(linesMarker).map((side) => fillFields(side, values)) as [string, string];
      return linesOf(values, list!)
        .map((value) => before + escapeXml(value) + after)
        .join('');
    })
    .replace(datedProperty, `$1${now.toISOString()}`);
  return compressed(part.name, Buffer.from(xml, 'utf8'));
}
