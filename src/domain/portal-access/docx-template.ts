import { strFromU8, unzipSync } from 'fflate';
import { zipArchive, zipEntry, type ZipEntry } from './zip-writer.ts';

/**
 * A Word document built once with markers where the per-person values go, then filled for each
 * person by replacing the markers in its XML: the docx library spends about 5 ms laying out
 * styles, numbering and the QR image that are the same on every page it prints. The parts
 * without markers are compressed once too; only the filled ones are compressed per person.
 */
export type DocxTemplate = { parts: (ZipEntry | { name: string; xml: string })[] };

/** The marker of a field: plain letters, so the docx library writes it untouched. */
export const field = (name: string) => `DOCXFIELD${name.toUpperCase()}END`;

const markerPattern = /DOCXFIELD([A-Z_]+)END/g;
const datedProperty = /(<dcterms:(?:created|modified) xsi:type="dcterms:W3CDTF">)[^<]*/g;

const xmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const escapeXml = (value: string) => value.replace(/[&<>"']/g, (char) => xmlEntities[char]!);

export function templateFrom(docx: Buffer): DocxTemplate {
  const parts = Object.entries(unzipSync(docx)).map(([name, content]) => {
    // Images are compressed already.
    if (name.startsWith('word/media/')) return zipEntry(name, content, false);
    const xml = strFromU8(content);
    return xml.search(markerPattern) >= 0 || xml.search(datedProperty) >= 0 ? { name, xml } : zipEntry(name, content);
  });
  return { parts };
}

/** The document with every marker replaced by its value (as text) and the creation date set to `now`. */
export function fillTemplate(template: DocxTemplate, values: Record<string, string>, now: Date): Buffer {
  const entries = template.parts.map((part) => {
    if (!('xml' in part)) return part;
    const filled = part.xml
      .replace(markerPattern, (marker, key: string) => {
        const value = values[key.toLowerCase()];
        if (value === undefined) throw new Error(`no value for the document field ${key}`);
        return escapeXml(value);
      })
      .replace(datedProperty, `$1${now.toISOString()}`);
    return zipEntry(part.name, Buffer.from(filled, 'utf8'));
  });
  return zipArchive(entries, now);
}
