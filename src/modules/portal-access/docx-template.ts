import { strFromU8, strToU8, unzipSync, zipSync, type Unzipped, type Zippable } from 'fflate';

/**
 * A Word document built once with markers where the per-person values go, then filled for each
 * person by replacing the markers in its XML: the docx library spends about 5 ms laying out
 * styles, numbering and the QR image that are the same on every page it prints.
 */
export type DocxTemplate = { parts: Unzipped };

/** The marker of a field: plain letters, so the docx library writes it untouched. */
export const field = (name: string) => `DOCXFIELD${name.toUpperCase()}END`;

const markerPattern = /DOCXFIELD([A-Z_]+)END/g;
const datedProperty = /(<dcterms:(?:created|modified) xsi:type="dcterms:W3CDTF">)[^<]*/g;

const xmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const escapeXml = (value: string) => value.replace(/[&<>"']/g, (char) => xmlEntities[char]!);

export function templateFrom(docx: Buffer): DocxTemplate {
  return { parts: unzipSync(docx) };
}

/** The document with every marker replaced by its value (as text) and the creation date set to `now`. */
export function fillTemplate(template: DocxTemplate, values: Record<string, string>, now: Date): Buffer {
  const files: Zippable = {};
  for (const [name, content] of Object.entries(template.parts)) {
    if (name.startsWith('word/media/')) {
      files[name] = [content, { level: 0 }]; // images are compressed already
      continue;
    }
    const xml = strFromU8(content);
    const filled = xml
      .replace(markerPattern, (marker, key: string) => {
        const value = values[key.toLowerCase()];
        if (value === undefined) throw new Error(`no value for the document field ${key}`);
        return escapeXml(value);
      })
      .replace(datedProperty, `$1${now.toISOString()}`);
    files[name] = filled === xml ? content : strToU8(filled);
  }
  return Buffer.from(zipSync(files, { level: 6, mtime: now }));
}
