import type { PDFFont } from 'pdf-lib';

/**
 * Text must fit the form's fields whole: a long name is set smaller, never cut. These mirror how
 * pdf-lib lays out a field's appearance (one point of padding inside the border, lines spaced
 * by 1.2 times the font's height), so that what is measured here is what gets printed.
 */
const PADDING = 1;
const LINE_SPACING = 1.2;
const STEP = 0.25;

/** The largest size up to `size` at which `text` holds on one line of `width`. */
export function singleLineSize(font: PDFFont, text: string, width: number, size: number): number {
  const room = width - 2 * PADDING;
  const atOne = font.widthOfTextAtSize(text, 1);
  return atOne * size <= room ? size : Math.floor((room / atOne) * 100) / 100;
}

/** Words of `paragraph` in lines no wider than `width` at `size`; a word wider than a line stays whole, and then the size does not fit. */
function wrap(font: PDFFont, paragraph: string, width: number, size: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of paragraph.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(candidate, size) > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  lines.push(line);
  return lines;
}

export type FittedLines = { size: number; lines: string[] };

/**
 * Paragraphs set one under the other in a box, each wrapped at word boundaries, at the largest
 * size from `size` down to `smallest` at which all lines hold; null when none does.
 */
export function fitParagraphs(font: PDFFont, paragraphs: string[], box: { width: number; height: number }, size: number, smallest: number): FittedLines | null {
  const width = box.width - 2 * PADDING;
  const height = box.height - 2 * PADDING;
  for (let current = size; current >= smallest; current -= STEP) {
    const lines = paragraphs.flatMap((paragraph) => wrap(font, paragraph, width, current));
    const wide = lines.some((line) => font.widthOfTextAtSize(line, current) > width);
    const lineHeight = font.heightAtSize(current) * LINE_SPACING;
    // The last line's descenders stay inside the box too.
    const tall = lines.length * lineHeight + font.heightAtSize(current) * 0.25 > height;
    if (!wide && !tall) return { size: current, lines };
  }
  return null;
}
