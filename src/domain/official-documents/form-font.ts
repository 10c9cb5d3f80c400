import fontkit from '@pdf-lib/fontkit';

/** What fitting text into a field needs of a font; the names follow pdf-lib's fonts. */
export type TextMeasure = {
  widthOfTextAtSize(text: string, size: number): number;
  heightAtSize(size: number, options?: { descender?: boolean }): number;
};

type GlyphMetrics = { hex: string; advance: number };

/**
 * The font the values are written in, embedded whole in the prepared form (decision 0029): each
 * letter is its glyph, by the font's own table, with no shaping. Widths and glyph numbers are what
 * the page's text and its measurement share, so a value measured to fit is the value printed.
 */
export class FormFont implements TextMeasure {
  private readonly glyphs = new Map<number, GlyphMetrics>();
  private readonly font: fontkit.Font;

  constructor(bytes: Uint8Array) {
    this.font = fontkit.create(bytes);
  }

  private glyph(codePoint: number): GlyphMetrics {
    let metrics = this.glyphs.get(codePoint);
    if (!metrics) {
      const glyph = this.font.glyphForCodePoint(codePoint);
      metrics = { hex: glyph.id.toString(16).padStart(4, '0'), advance: glyph.advanceWidth / this.font.unitsPerEm };
      this.glyphs.set(codePoint, metrics);
    }
    return metrics;
  }

  private codePoints(text: string): number[] {
    // A letter typed as a base and a combining accent is printed as the one accented glyph.
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
    const ascent = this.font.ascent || this.font.bbox.maxY;
    const descent = this.font.descent || this.font.bbox.minY;
    const height = options.descender === false ? ascent : ascent - descent;
    return (height / this.font.unitsPerEm) * size;
  }
}
