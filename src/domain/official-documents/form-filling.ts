import { deflateSync } from 'node:zlib';
import type { IsoDate } from '../../shared/dates.ts';
import type { PreparedForm, Rect, TextPlace } from './prepared-form.ts';
import { DEFAULT_FONT_SIZE, LINE_SPACING, singleLineSize } from './text-fitting.ts';

/**
 * A filled PDF as it is sent: the prepared form's bytes, the same for every document of that form,
 * then this document's update. Kept apart so that no document copies the prepared form: a copy of
 * several hundred kilobytes a request mostly feeds the garbage collector.
 */
export type PdfParts = readonly [prepared: Buffer, update: Buffer];

/** The whole file in one buffer, for what reads it rather than sends it. */
export const pdfBytes = (parts: PdfParts): Buffer => Buffer.concat(parts);

const number = (value: number) => String(Math.round(value * 100) / 100);

/**
 * One document being filled from a prepared form: values are written as text on the form's own
 * pages, where its fields are, as flattening a filled field would draw them (same place, same
 * padding, same alignment, no border nor background); the boxes are drawn chosen or not with the
 * form's own drawings. `pdf()` appends them to the prepared form as one update.
 */
export class FormFilling {
  private readonly operations: string[][];
  private readonly choices = new Map<string, string>();

  constructor(private readonly form: PreparedForm) {
    this.operations = form.pages.map(() => []);
  }

  get font() {
    return this.form.font;
  }

  /** A text field's place; a field the form does not have is a mistake in the layout, not in the data. */
  field(name: string): TextPlace {
    const place = this.form.texts.get(name);
    if (!place) throw new Error(`formulaire: champ_inconnu ${name}`);
    return place;
  }

  /** A place for a line the form prints without a field, measured on the page, padded as a field is. */
  static lineWithoutField(page: number, box: Rect): TextPlace {
    return { page, inner: { x: box.x + 1, y: box.y + 1, width: box.width - 2, height: box.height - 2 }, alignment: 'left', size: DEFAULT_FONT_SIZE };
  }

  private write(page: number, x: number, y: number, size: number, text: string) {
    if (text === '') return;
    const fontName = this.form.pages[page]!.fontName;
    this.operations[page]!.push(`BT ${fontName} ${number(size)} Tf ${number(x)} ${number(y)} Td <${this.font.encode(text)}> Tj ET`);
  }

  private left(place: TextPlace, width: number) {
    const { inner, alignment } = place;
    if (alignment === 'center') return inner.x + inner.width / 2 - width / 2;
    if (alignment === 'right') return inner.x + inner.width - width;
    return inner.x;
  }

  /** One line, vertically centred in its place. */
  line(place: TextPlace, text: string, size: number) {
    const y = place.inner.y + place.inner.height / 2 - this.font.heightAtSize(size, { descender: false }) / 2;
    this.write(place.page, this.left(place, this.font.widthOfTextAtSize(text, size)), y, size, text);
  }

  /** Lines from the top of their place down. */
  lines(place: TextPlace, lines: string[], size: number) {
    const lineHeight = this.font.heightAtSize(size) * LINE_SPACING;
    let y = place.inner.y + place.inner.height;
    for (const text of lines) {
      y -= lineHeight;
      this.write(place.page, this.left(place, this.font.widthOfTextAtSize(text, size)), y, size, text);
    }
  }

  /** One line at its place's size, shrunk to its width when it is too long. */
  fitLine(place: TextPlace, text: string) {
    this.line(place, text, singleLineSize(this.font, text, place.inner.width, place.size));
  }

  /** A one-line field, its text shrunk to the field's width when it is too long. */
  fillLine(name: string, text: string) {
    this.fitLine(this.field(name), text);
  }

  /** A date in the form's three fields: day, month, year. */
  fillDate(names: readonly [string, string, string], date: IsoDate) {
    const [year, month, day] = date.split('-') as [string, string, string];
    [day, month, year].forEach((part, index) => this.fillLine(names[index]!, part));
  }

  /** Ticks the box of `value` in a radio group; the others, and every box of a group left alone, print blank. */
  choose(name: string, value: string) {
    if (!this.form.boxes.get(name)?.some((box) => box.value === value)) throw new Error(`formulaire: case_inconnue ${name}`);
    this.choices.set(name, value);
  }

  /** The filled document: the prepared form's bytes, then each page's values as one stream, with their cross-reference section. */
  pdf(): PdfParts {
    for (const [name, boxes] of this.form.boxes) {
      for (const box of boxes) {
        const drawing = this.choices.get(name) === box.value ? box.chosen : box.blank;
        this.operations[box.page]!.push(`q 1 0 0 1 ${number(box.x)} ${number(box.y)} cm ${drawing.asString()} Do Q`);
      }
    }
    const { base, baseXref, trailer, pages, xrefRef } = this.form;
    const chunks: Buffer[] = [];
    let offset = base.length;
    const objects: { number: number; offset: number }[] = [];
    const append = (number: number, dictionary: string, data: Buffer) => {
      const head = Buffer.from(`\n${number} 0 obj\n<< ${dictionary} /Length ${data.length} >>\nstream\n`, 'latin1');
      const end = Buffer.from('\nendstream\nendobj\n', 'latin1');
      objects.push({ number, offset: offset + 1 });
      chunks.push(head, data, end);
      offset += head.length + data.length + end.length;
    };
    pages.forEach((page, index) => {
      append(page.contentRef, '/Filter /FlateDecode', deflateSync(Buffer.from(`0 g\n${this.operations[index]!.join('\n')}\n`, 'latin1')));
    });
    // The base ends with a cross-reference stream, so the update's is one too (PDF 1.5): each
    // entry is its type (1, in use), its offset on 4 bytes and its generation on 2, by object number.
    const xrefOffset = offset + 1;
    const listed = [...objects, { number: xrefRef, offset: xrefOffset }].sort((a, b) => a.number - b.number);
    const entries = Buffer.alloc(listed.length * 7);
    listed.forEach((object, index) => {
      entries.writeUInt8(1, index * 7);
      entries.writeUInt32BE(object.offset, index * 7 + 1);
    });
    const index = listed.map((object) => `${object.number} 1`).join(' ');
    const info = (trailer.info ? ` /Info ${trailer.info}` : '') + (trailer.id ? ` /ID ${trailer.id}` : '');
    append(xrefRef, `/Type /XRef /Size ${trailer.size} /Root ${trailer.root}${info} /Prev ${baseXref} /Index [${index}] /W [1 4 2]`, entries);
    chunks.push(Buffer.from(`startxref\n${xrefOffset}\n%%EOF\n`, 'latin1'));
    return [base, Buffer.concat(chunks)];
  }
}
