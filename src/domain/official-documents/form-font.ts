import fontkit from '@pdf-lib/fontkit';

/** What fitting text into a field needs of a font; the names follow pdf-lib's fonts. */
export type TextMeasure = {
  widthOfTextAtSize(text: string, size: number): number;
  heightAtSize(size: number, options?: { descender?: boolean }): number;
};

/**
 * The letters the forms print: Latin with every accent and its extensions (Vietnamese included),
 * Greek, Cyrillic, Armenian and Georgian, combining accents, punctuation and currency signs. Scripts
 * written right to left or needing shaping (Hebrew, Arabic) could not be written correctly one
 * letter after the other and are left out, as are the font's symbols; a letter outside prints as
 * the font's empty box, as a letter the font lacks did before (decision 0029).
 */
const REPERTOIRE: readonly [number, number][] = [
  [0x0020, 0x007e],
  [0x00a0, 0x036f],
  [0x0370, 0x052f],
  [0x0530, 0x058f],
  [0x10a0, 0x10ff],
  [0x1e00, 0x1fff],
  [0x2000, 0x206f],
  [0x20a0, 0x20bf],
];

type GlyphMetrics = { hex: string; advance: number };

/** The font's part that the forms embed: its glyphs renumbered from 0 (.notdef), their widths and letters. */
export type FontSubset = {
  postscriptName: string;
  /** A TrueType font holding only the repertoire's glyphs. */
  file: Buffer;
  /** Advance of each glyph of the subset, by its number, in thousandths of the size. */
  widths: number[];
  /** The letter each glyph of the subset prints (the first that maps to it), for text extraction. */
  letters: Map<number, number>;
  metrics: { ascent: number; descent: number; capHeight: number; xHeight: number; italicAngle: number; bbox: [number, number, number, number] };
};

/**
 * The font the values are written in (DejaVu Sans Condensed), reduced once per process to the
 * repertoire: each letter is its glyph, by the font's own table, with no shaping (a letter and an
 * accent typed apart become the accented letter). The widths measured are the widths printed.
 */
export class FormFont implements TextMeasure {
  private constructor(
    private readonly glyphs: Map<number, GlyphMetrics>,
    private readonly missing: GlyphMetrics,
    private readonly vertical: { ascent: number; descent: number },
    readonly subset: FontSubset,
  ) {}

  static async open(bytes: Buffer): Promise<FormFont> {
    const font = fontkit.create(bytes);
    const scale = 1000 / font.unitsPerEm;
    const subset = font.createSubset();
    const glyphs = new Map<number, GlyphMetrics>();
    const letters = new Map<number, number>();
    // The subset numbers glyphs in the order they are included; .notdef is its glyph 0.
    const widths = [font.getGlyph(0).advanceWidth * scale];
    for (const [first, last] of REPERTOIRE) {
      for (let codePoint = first; codePoint <= last; codePoint++) {
        if (!font.hasGlyphForCodePoint(codePoint)) continue;
        const glyph = font.glyphForCodePoint(codePoint);
        const id = subset.includeGlyph(glyph);
        widths[id] = glyph.advanceWidth * scale;
        if (!letters.has(id)) letters.set(id, codePoint);
        glyphs.set(codePoint, { hex: id.toString(16).padStart(4, '0'), advance: widths[id]! / 1000 });
      }
    }
    const file = await new Promise<Buffer>((resolve) => {
      const parts: Uint8Array[] = [];
      subset
        .encodeStream()
        .on('data', (part) => parts.push(part))
        .on('end', () => resolve(Buffer.concat(parts)));
    });
    const ascent = font.ascent || font.bbox.maxY;
    const descent = font.descent || font.bbox.minY;
    const metrics = {
      ascent: ascent * scale,
      descent: descent * scale,
      capHeight: (font.capHeight || font.ascent) * scale,
      xHeight: (font.xHeight || 0) * scale,
      italicAngle: font.italicAngle,
      bbox: [font.bbox.minX * scale, font.bbox.minY * scale, font.bbox.maxX * scale, font.bbox.maxY * scale] as [number, number, number, number],
    };
    const subsetInfo = { postscriptName: font.postscriptName ?? 'DejaVuSansCondensed', file, widths, letters, metrics };
    return new FormFont(glyphs, { hex: '0000', advance: widths[0]! / 1000 }, { ascent: metrics.ascent, descent: metrics.descent }, subsetInfo);
  }

  private glyph(codePoint: number): GlyphMetrics {
    return this.glyphs.get(codePoint) ?? this.missing;
  }

  private codePoints(text: string): number[] {
    return Array.from(text.normalize('NFC'), (letter) => letter.codePointAt(0)!);
  }

  /** The glyph numbers of `text`, as the hexadecimal string a page's text operator takes (Identity-H encoding). */
  encode(text: string): string {
    return this.codePoints(text)
      .map((codePoint) => this.glyph(codePoint).hex)
      .join('');
  }

  widthOfTextAtSize(text: string, size: number): number {
    let width = 0;
    for (const codePoint of this.codePoints(text)) width += this.glyph(codePoint).advance;
    return width * size;
  }

  /** As pdf-lib measures an embedded font: ascent to descent, or ascent alone. */
  heightAtSize(size: number, options: { descender?: boolean } = {}): number {
    const height = options.descender === false ? this.vertical.ascent : this.vertical.ascent - this.vertical.descent;
    return (height / 1000) * size;
  }
}
