import type { TextMeasure } from './form-font.ts';

/**
 * Text must fit the form's fields whole: a long name is set smaller, never cut. Boxes here are
 * the room inside a field (its padding already taken off), measured as the text is printed
 * (`FormFilling`), so that what fits here is what gets printed.
 */
const STEP = 0.25;
/** The size the forms' own fields use. */
export const DEFAULT_FONT_SIZE = 10;
/** pdf-lib's spacing of a multiline field's lines, kept so that fitting and printing agree. */
export const LINE_SPACING = 1.2;

/** The largest size up to `size` at which `text` holds on one line of `width`. */
export function singleLineSize(font: TextMeasure, text: string, width: number, size: number): number {
  const atOne = font.widthOfTextAtSize(text, 1);
  return atOne * size <= width ? size : Math.floor((width / atOne) * 100) / 100;
}

/** Words of `paragraph` in lines no wider than `width` at `size`; a word wider than a line stays whole, and then the size does not fit. */
function wrap(font: TextMeasure, paragraph: string, width: number, size: number): string[] {
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
export function fitParagraphs(font: TextMeasure, paragraphs: string[], box: { width: number; height: number }, size: number, smallest: number): FittedLines | null {
  for (let current = size; current >= smallest; current -= STEP) {
    const lines = paragraphs.flatMap((paragraph) => wrap(font, paragraph, box.width, current));
    const wide = lines.some((line) => font.widthOfTextAtSize(line, current) > box.width);
    const lineHeight = font.heightAtSize(current) * LINE_SPACING;
    // The last line's descenders stay inside the box too.
    const tall = lines.length * lineHeight + font.heightAtSize(current) * 0.25 > box.height;
    if (!wide && !tall) return { size: current, lines };
  }
  return null;
}
