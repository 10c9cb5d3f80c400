import { type PDFDocument, type PDFRef, PDFString } from 'pdf-lib';
import type { FontSubset } from './form-font.ts';

/** UTF-16 code units of a letter, in hexadecimal, as a ToUnicode map writes them. */
const utf16 = (codePoint: number) =>
  Array.from(String.fromCodePoint(codePoint), (unit) => unit.charCodeAt(0).toString(16).padStart(4, '0')).join('');

/** The map from each glyph to its letter, so that text copied or extracted from the page reads as written. */
function toUnicode(letters: Map<number, number>): string {
  const entries = [...letters].map(([id, codePoint]) => `<${id.toString(16).padStart(4, '0')}> <${utf16(codePoint)}>`);
  const blocks: string[] = [];
  // A CMap lists at most 100 entries per block.
  for (let start = 0; start < entries.length; start += 100) {
    const block = entries.slice(start, start + 100);
    blocks.push(`${block.length} beginbfchar\n${block.join('\n')}\nendbfchar`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <ffff>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CIDFont defineresource pop',
    'end',
    'end',
  ].join('\n');
}

/**
 * The subset as a composite font (Type 0, Identity-H, TrueType glyphs numbered as the subset
 * numbers them), written once into the prepared form: every document's text uses it as is.
 */
export function embedFormFont(document: PDFDocument, subset: FontSubset): PDFRef {
  const { context } = document;
  const { metrics } = subset;
  // A subset font's name starts with six capitals and a plus sign (PDF 32000, 9.6.4).
  const name = `DOMFRM+${subset.postscriptName}`;
  const file = context.register(context.flateStream(subset.file, { Length1: subset.file.length }));
  const descriptor = context.register(
    context.obj({
      Type: 'FontDescriptor',
      FontName: name,
      // Symbolic: the glyphs are reached by number, not through a standard encoding.
      Flags: 4,
      FontBBox: metrics.bbox,
      ItalicAngle: metrics.italicAngle,
      Ascent: metrics.ascent,
      Descent: metrics.descent,
      CapHeight: metrics.capHeight,
      XHeight: metrics.xHeight,
      StemV: 0,
      FontFile2: file,
    }),
  );
  const cidFont = context.register(
    context.obj({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: name,
      CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
      FontDescriptor: descriptor,
      CIDToGIDMap: 'Identity',
      W: [0, subset.widths.map((width) => Math.round(width))],
    }),
  );
  const unicode = context.register(context.flateStream(toUnicode(subset.letters)));
  return context.register(
    context.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: name, Encoding: 'Identity-H', DescendantFonts: [cidFont], ToUnicode: unicode }),
  );
}
