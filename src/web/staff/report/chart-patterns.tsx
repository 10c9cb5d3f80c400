/**
 * How the series of a chart are told apart: a colour with at least 3:1 contrast on white
 * (WCAG 1.4.11) and, so that colour is never the only cue, a pattern of its own (plain,
 * stripes, dots, cross-hatching), repeated in the legend and in print.
 */
export const seriesLooks = [
  { colour: '#0b4aa2', pattern: 'plain' },
  { colour: '#9a4400', pattern: 'stripes' },
  { colour: '#1b5e20', pattern: 'dots' },
  { colour: '#6b2c91', pattern: 'cross' },
] as const;

export const lookOf = (index: number) => seriesLooks[index % seriesLooks.length]!;

const patternId = (prefix: string, index: number) => `${prefix}-motif-${index}`;

/** The fill of a series: a plain colour, or its pattern (defined by SeriesPattern with the same prefix). */
export const fillOf = (prefix: string, index: number) => (lookOf(index).pattern === 'plain' ? lookOf(index).colour : `url(#${patternId(prefix, index)})`);

/** The pattern of one series; ids carry the chart's prefix, unique on the page. */
export function SeriesPattern({ prefix, index }: { prefix: string; index: number }) {
  const { colour, pattern } = lookOf(index);
  if (pattern === 'plain') return null;
  return (
    <pattern id={patternId(prefix, index)} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform={pattern === 'stripes' ? 'rotate(45)' : undefined}>
      <rect width="6" height="6" fill={colour} />
      {pattern === 'stripes' ? <rect x="0" y="0" width="2" height="6" fill="#ffffff" /> : null}
      {pattern === 'dots' ? <circle cx="3" cy="3" r="1.3" fill="#ffffff" /> : null}
      {pattern === 'cross' ? <path d="M0 3H6M3 0V6" stroke="#ffffff" stroke-width="1.2" /> : null}
    </pattern>
  );
}

/** A legend's sample of a series: the same fill as its bars (hidden from screen readers: the text beside it names the series). */
export function Swatch({ prefix, index }: { prefix: string; index: number }) {
  const own = `${prefix}-legende`;
  return (
    <svg class="swatch" width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" focusable="false">
      <defs>
        <SeriesPattern prefix={own} index={index} />
      </defs>
      <rect x="0.5" y="0.5" width="17" height="17" fill={fillOf(own, index)} stroke="#161616" />
    </svg>
  );
}
