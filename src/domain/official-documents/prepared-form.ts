import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { PDFArray, PDFButton, PDFCheckBox, PDFDict, PDFDocument, PDFName, type PDFPage, PDFRadioGroup, PDFRef, PDFStream, PDFTextField } from 'pdf-lib';
import { embedFormFont } from './font-embedding.ts';
import { FormFont } from './form-font.ts';
import { DEFAULT_FONT_SIZE } from './text-fitting.ts';

export type Rect = { x: number; y: number; width: number; height: number };

/**
 * Where a text field's value is written: inside its rectangle, less its border and pdf-lib's one
 * point of padding, at the size the form sets for it (the largest a value shrinks from).
 */
export type TextPlace = { page: number; inner: Rect; alignment: 'left' | 'center' | 'right'; size: number };

/** One box of a radio group or check box: its own drawing when chosen and when not, named in its page's resources. */
export type BoxPlace = { page: number; x: number; y: number; value: string; chosen: PDFName; blank: PDFName };

/**
 * A blank official form made ready once per process (decision 0029): its fields read (where each
 * is written), then removed from the form, the font embedded whole, and each page's content set
 * to end with one text stream that does not exist yet. Every document is these bytes followed by
 * an update that adds that stream: the form is parsed and saved once, never per document.
 */
export type PreparedForm = {
  base: Buffer;
  /** Offset of the base's cross-reference table, which the update's trailer points back to. */
  baseXref: number;
  /** What the update's trailer repeats of the base's (PDF 32000-1, 7.5.6): its size, catalogue, information and identifier. */
  trailer: { size: number; root: string; info: string | null; id: string | null };
  /** Per page: the number reserved for its values' stream, the font's resource name (« /Valeurs-… »). */
  pages: { contentRef: number; fontName: string }[];
  /** The number reserved for the update's own cross-reference stream. */
  xrefRef: number;
  texts: Map<string, TextPlace>;
  boxes: Map<string, BoxPlace[]>;
  font: FormFont;
};

const PADDING = 1;
const require = createRequire(import.meta.url);
// DejaVu covers every Latin letter (« Ł » too), which the PDF standard fonts do not.
const FONT_FILE = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed.ttf');

const alignments = ['left', 'center', 'right'] as const;

/** The size in a field's default appearance (« /Helv 8 Tf 0 g »); 0, automatic, is the forms' usual 10. */
function sizeOf(defaultAppearance: string | undefined): number {
  const size = Number(/([\d.]+)\s+Tf/.exec(defaultAppearance ?? '')?.[1] ?? 0);
  return size > 0 ? size : DEFAULT_FONT_SIZE;
}

function pageIndexOf(pages: PDFPage[], widgetDict: PDFDict, document: PDFDocument): number {
  const index = pages.findIndex((page) => page.node.Annots()?.asArray().some((ref) => document.context.lookup(ref) === widgetDict));
  if (index < 0) throw new Error('formulaire: widget_sans_page');
  return index;
}

/** Each field's places, read off the form as its widgets describe them (one widget a text field; one a box). */
function readFields(document: PDFDocument, pages: PDFPage[]) {
  const texts = new Map<string, TextPlace>();
  const boxes = new Map<string, BoxPlace[]>();
  for (const field of document.getForm().getFields()) {
    // A radio group with an /Opt array names its boxes by position and prints the array's values.
    const values = field instanceof PDFRadioGroup ? field.getOptions() : [];
    for (const [index, widget] of field.acroField.getWidgets().entries()) {
      const page = pageIndexOf(pages, widget.dict, document);
      const rect = widget.getRectangle();
      if (field instanceof PDFTextField) {
        const inset = (widget.getBorderStyle()?.getWidth() ?? 0) + PADDING;
        const inner = { x: rect.x + inset, y: rect.y + inset, width: rect.width - 2 * inset, height: rect.height - 2 * inset };
        const size = sizeOf(widget.getDefaultAppearance() ?? field.acroField.getDefaultAppearance());
        texts.set(field.getName(), { page, inner, alignment: alignments[field.acroField.getQuadding() ?? 0] ?? 'left', size });
      } else if (field instanceof PDFRadioGroup || field instanceof PDFCheckBox) {
        const appearances = widget.getNormalAppearance();
        if (!(appearances instanceof PDFDict)) throw new Error('formulaire: case_sans_apparence');
        const onValue = widget.getOnValue()!;
        const value = values[index] ?? onValue.decodeText();
        const chosen = pages[page]!.node.newXObject('Case', appearances.get(onValue) as PDFRef);
        const blank = pages[page]!.node.newXObject('Case', appearances.get(PDFName.of('Off')) as PDFRef);
        const list = boxes.get(field.getName()) ?? [];
        list.push({ page, x: rect.x, y: rect.y, value, chosen, blank });
        boxes.set(field.getName(), list);
      } else if (!(field instanceof PDFButton)) throw new Error('formulaire: champ_inattendu');
    }
  }
  return { texts, boxes };
}

/** The widgets leave the pages and the form dictionary goes: nothing on the document stays fillable. */
function removeForm(document: PDFDocument, pages: PDFPage[]) {
  for (const page of pages) {
    const annotations = page.node.Annots();
    if (!annotations) continue;
    const kept = annotations.asArray().filter((ref) => {
      const annotation = document.context.lookup(ref);
      return annotation instanceof PDFDict && annotation.get(PDFName.of('Subtype')) !== PDFName.of('Widget');
    });
    if (kept.length > 0) page.node.set(PDFName.of('Annots'), document.context.obj(kept) as PDFArray);
    else page.node.delete(PDFName.of('Annots'));
  }
  document.catalog.delete(PDFName.of('AcroForm'));
}

/**
 * What nothing points to any more (the removed widgets, their drawings, the form's own fonts for
 * its fields) leaves the file: every document carries the prepared form, so each object counts.
 */
function dropUnreachable(document: PDFDocument) {
  const { context } = document;
  const reached = new Set<PDFRef>();
  const pending: unknown[] = [context.trailerInfo.Root, context.trailerInfo.Info];
  while (pending.length > 0) {
    const next = pending.pop();
    if (next instanceof PDFRef) {
      if (reached.has(next)) continue;
      reached.add(next);
      pending.push(context.lookup(next));
    } else if (next instanceof PDFDict) pending.push(...next.values());
    else if (next instanceof PDFArray) pending.push(...next.asArray());
    else if (next instanceof PDFStream) pending.push(next.dict);
  }
  for (const [ref] of context.enumerateIndirectObjects()) {
    if (!reached.has(ref)) context.delete(ref);
  }
}

/**
 * The page's own content, untouched, between a saved and a restored graphics state (pdf-lib's
 * normalising: whatever the form's content leaves set does not move the values), then the values'
 * stream, reserved here and written per document.
 */
function reserveValuesStream(document: PDFDocument, page: PDFPage): number {
  page.node.normalize();
  const values = document.context.nextRef();
  page.node.addContentStream(values);
  return values.objectNumber;
}

// One font for every form: read and opened once.
let fontFile: Promise<FormFont> | undefined;
const loadFont = () => (fontFile ??= readFile(FONT_FILE).then((bytes) => FormFont.open(bytes)));

async function prepare(formFile: string): Promise<PreparedForm> {
  const [formBytes, font] = await Promise.all([readFile(new URL(`../../../assets/forms/${formFile}`, import.meta.url)), loadFont()]);
  const document = await PDFDocument.load(formBytes, { updateMetadata: false });
  // Once, with every letter of the repertoire, so that no document makes a font of its own.
  const fontRef = embedFormFont(document, font.subset);
  const pages = document.getPages();
  for (const page of pages) {
    if (page.getRotation().angle !== 0) throw new Error('formulaire: page_tournee');
  }
  const { texts, boxes } = readFields(document, pages);
  removeForm(document, pages);
  const pagesOut = pages.map((page) => ({ fontName: page.node.newFontDictionary('Valeurs', fontRef).asString(), contentRef: reserveValuesStream(document, page) }));
  dropUnreachable(document);
  const xrefRef = document.context.nextRef().objectNumber;
  const { Root, Info } = document.context.trailerInfo;
  const base = Buffer.from(await document.save({ updateFieldAppearances: false }));
  const tail = base.subarray(-64).toString('latin1');
  const baseXref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail)?.[1]);
  if (!Number.isInteger(baseXref)) throw new Error('formulaire: table_introuvable');
  // Saving numbers its object streams and its own cross-reference stream after every reserved
  // number: the size the update declares is the base's, read where the base declares it.
  const baseTrailer = base.subarray(baseXref, baseXref + 4096).toString('latin1');
  const size = Number(/\/Size\s+(\d+)/.exec(baseTrailer)?.[1]);
  if (!Number.isInteger(size) || size <= xrefRef) throw new Error('formulaire: taille_introuvable');
  const id = /\/ID\s*(\[[^\]]*\])/.exec(baseTrailer)?.[1] ?? null;
  return {
    base,
    baseXref,
    trailer: { size, root: String(Root), info: Info ? String(Info) : null, id },
    pages: pagesOut,
    xrefRef,
    texts,
    boxes,
    font,
  };
}

const prepared = new Map<string, Promise<PreparedForm>>();

/** The form of `assets/forms/<formFile>`, prepared on first use and kept while the process runs. */
export function preparedForm(formFile: string): Promise<PreparedForm> {
  let form = prepared.get(formFile);
  if (!form) {
    form = prepare(formFile);
    prepared.set(formFile, form);
  }
  return form;
}
