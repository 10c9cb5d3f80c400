import { deflateRawSync } from 'node:zlib';
import { strFromU8, unzipSync, Zip, ZipPassThrough } from 'fflate';

/**
 * A Word document built once with markers where the per-person values go, then filled for each
 * person by replacing the markers in its XML: the docx library spends most of its time laying out
 * styles, numbering and the QR image that are the same on every page it prints. The parts
 * without markers are compressed once too; only the filled ones are compressed per person.
 */
export type DocxTemplate = { parts: (CompressedPart | { name: string; xml: string })[] };

type CompressedPart = { name: string; content: Uint8Array; deflated: Uint8Array };

/** The marker of a field: plain letters, so the docx library writes it untouched. */
export const field = (name: string) => `DOCXFIELD${name.toUpperCase()}END`;

const markerPattern = /DOCXFIELD([A-Z_]+)END/g;
const datedProperty = /(<dcterms:(?:created|modified) xsi:type="dcterms:W3CDTF">)[^<]*/g;

const xmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const escapeXml = (value: string) => value.replace(/[&<>"']/g, (char) => xmlEntities[char]!);

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
    return xml.search(markerPattern) >= 0 || xml.search(datedProperty) >= 0 ? { name, xml } : compressed(name, content);
  });
  return { parts };
}

/** The document with every marker replaced by its value (as text) and the creation date set to `now`. */
export function fillTemplate(template: DocxTemplate, values: Record<string, string>, now: Date): Buffer {
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

function filled(part: { name: string; xml: string }, values: Record<string, string>, now: Date): CompressedPart {
  const xml = part.xml
    .replace(markerPattern, (marker, key: string) => {
      const value = values[key.toLowerCase()];
      if (value === undefined) throw new Error(`no value for the document field ${key}`);
      return escapeXml(value);
    })
    .replace(datedProperty, `$1${now.toISOString()}`);
  return compressed(part.name, Buffer.from(xml, 'utf8'));
}
