import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pdfBytes, type PdfParts } from './form-filling.ts';

/** A word pdftotext reads, with its place in PDF points from the page's lower left corner (y at the word's middle). */
export type Word = { text: string; x: number; y: number; height: number };

const decode = (text: string) => text.replace(/&amp;/g, '&').replace(/&apos;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>');

/** The words of each page, as pdftotext reads the printed document (A4 pages, 842 points high). */
export function wordsOfPages(pdf: PdfParts): Word[][] {
  const dir = mkdtempSync(join(tmpdir(), 'formulaire-'));
  try {
    writeFileSync(join(dir, 'document.pdf'), pdfBytes(pdf));
    const html = execFileSync('pdftotext', ['-bbox', join(dir, 'document.pdf'), '-'], { encoding: 'utf8' });
    return html
      .split('<page ')
      .slice(1)
      .map((page) =>
        [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((match) => ({
          text: decode(match[4]!),
          x: Number(match[1]),
          y: 842 - (Number(match[2]) + Number(match[3])) / 2,
          height: Number(match[3]) - Number(match[2]),
        })),
      );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What the form's line at height `y` reads, left to right, without its dashes and slashes: the
 * form's own words and what was filled in, as a person reads the printed page.
 */
export function line(words: Word[], y: number): string {
  return words
    .filter((word) => Math.abs(word.y - y) < 6)
    .sort((a, b) => a.x - b.x)
    .map((word) => word.text.replace(/[_/]/g, ''))
    .filter(Boolean)
    .join(' ');
}

/** The lines of text inside a box of the form, top to bottom. */
export function linesIn(words: Word[], bottom: number, top: number): string[] {
  const inside = words.filter((word) => word.y > bottom && word.y < top);
  const heights = [...new Set(inside.map((word) => Math.round(word.y)))].sort((a, b) => b - a);
  return heights.map((y) => inside.filter((word) => Math.round(word.y) === y).sort((a, b) => a.x - b.x).map((word) => word.text).join(' '));
}

/** Which of a line's boxes are ticked: the marks pdftotext reads on the line other than its labels, named by the label they precede. */
export function ticked(words: Word[], y: number, boxes: { label: string; before: number }[]): string[] {
  const labels = new Set(boxes.flatMap((box) => box.label.split(' ')));
  const marks = words.filter((word) => Math.abs(word.y - y) < 6 && !labels.has(word.text));
  return marks.map((mark) => boxes.find((box) => mark.x < box.before)?.label ?? '?');
}
