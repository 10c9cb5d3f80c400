import { valueAxis } from './chart-scale.ts';
import { fillOf, SeriesPattern, Swatch } from './chart-patterns.tsx';

export type ChartCategory = { /** Under its bar. */ short: string; /** In the table. */ long: string };
export type ChartSeries = { label: string; values: readonly number[] };

export type BarChartProps = {
  /** Unique on the page: prefixes the ids of the chart's parts. */
  id: string;
  /** What the chart shows: its caption, the name of the picture and of its table. */
  title: string;
  /** The first column of the table and the title of the horizontal axis. */
  categoryLabel: string;
  /** The title of the vertical axis (« Nombre de personnes »). */
  valueLabel: string;
  categories: readonly ChartCategory[];
  series: readonly ChartSeries[];
  /** Side by side (compare the series) or one on top of the other (see the total as well). */
  layout: 'grouped' | 'stacked';
};

const number = new Intl.NumberFormat('fr-FR');

/** The drawing's own units; the picture scales to the width it is given (360 px to A4). */
const WIDTH = 560;
const HEIGHT = 260;
const MARGIN = { top: 12, right: 8, bottom: 44, left: 56 };
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;

type Bar = { x: number; y: number; width: number; height: number; series: number };

function barsOf({ categories, series, layout }: BarChartProps, max: number): Bar[] {
  const band = PLOT_WIDTH / Math.max(1, categories.length);
  const inner = band * 0.8;
  const height = (value: number) => (value / max) * PLOT_HEIGHT;
  const bars: Bar[] = [];
  categories.forEach((_, c) => {
    const left = MARGIN.left + c * band + (band - inner) / 2;
    let base = MARGIN.top + PLOT_HEIGHT;
    series.forEach((serie, s) => {
      const h = height(serie.values[c] ?? 0);
      if (h <= 0) return;
      if (layout === 'stacked') {
        base -= h;
        bars.push({ x: left, y: base, width: inner, height: h, series: s });
      } else {
        const width = inner / series.length;
        bars.push({ x: left + s * width, y: MARGIN.top + PLOT_HEIGHT - h, width, height: h, series: s });
      }
    });
  });
  return bars;
}

const largestOf = ({ categories, series, layout }: BarChartProps) =>
  Math.max(0, ...categories.map((_, c) => (layout === 'stacked' ? series.reduce((sum, serie) => sum + (serie.values[c] ?? 0), 0) : Math.max(0, ...series.map((serie) => serie.values[c] ?? 0)))));

/**
 * A bar chart drawn on the server (no script), with its numbers in a table beside it: the
 * picture is one image named by its title for a screen reader, which reads the table instead.
 */
export function BarChart(props: BarChartProps) {
  const { id, title, categoryLabel, valueLabel, categories, series, layout } = props;
  const axis = valueAxis(largestOf(props));
  const band = PLOT_WIDTH / Math.max(1, categories.length);
  const yOf = (value: number) => MARGIN.top + PLOT_HEIGHT - (value / axis.max) * PLOT_HEIGHT;
  const showTotal = layout === 'stacked' && series.length > 1;
  return (
    <figure class="chart" aria-labelledby={`${id}-legende`}>
      <figcaption id={`${id}-legende`}>{title}</figcaption>
      <div class="chart-body">
        <div class="chart-picture">
          <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-titre`} preserveAspectRatio="xMidYMid meet">
            <title id={`${id}-titre`}>{`${title} : diagramme en barres ; les nombres sont dans le tableau qui l'accompagne.`}</title>
            <defs>
              {series.map((_, index) => (
                <SeriesPattern key={index} prefix={id} index={index} />
              ))}
            </defs>
            {axis.ticks.map((tick) => (
              <g key={tick} class="tick">
                <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={yOf(tick)} y2={yOf(tick)} stroke="#767676" stroke-width={tick === 0 ? 1.5 : 0.5} />
                <text x={MARGIN.left - 6} y={yOf(tick) + 4} text-anchor="end" font-size="12" fill="#161616">
                  {number.format(tick)}
                </text>
              </g>
            ))}
            {barsOf(props, axis.max).map((bar, index) => (
              <rect key={index} x={bar.x} y={bar.y} width={bar.width} height={bar.height} fill={fillOf(id, bar.series)} stroke="#161616" stroke-width="0.75" />
            ))}
            {categories.map((category, c) => (
              <text key={c} x={MARGIN.left + (c + 0.5) * band} y={MARGIN.top + PLOT_HEIGHT + 16} text-anchor="middle" font-size="12" fill="#161616">
                {category.short}
              </text>
            ))}
            <text x={MARGIN.left + PLOT_WIDTH / 2} y={HEIGHT - 6} text-anchor="middle" font-size="12" font-weight="bold" fill="#161616">
              {categoryLabel}
            </text>
            <text x={14} y={MARGIN.top + PLOT_HEIGHT / 2} text-anchor="middle" font-size="12" font-weight="bold" fill="#161616" transform={`rotate(-90 14 ${MARGIN.top + PLOT_HEIGHT / 2})`}>
              {valueLabel}
            </text>
          </svg>
          {series.length > 1 ? (
            <ul class="chart-key" aria-hidden="true">
              {series.map((serie, index) => (
                <li key={serie.label}>
                  <Swatch prefix={id} index={index} /> {serie.label}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        <table class="chart-table">
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{categoryLabel}</th>
              {series.map((serie) => (
                <th key={serie.label} scope="col" class="number">
                  {serie.label}
                </th>
              ))}
              {showTotal ? <th scope="col" class="number">Total</th> : null}
            </tr>
          </thead>
          <tbody>
            {categories.map((category, c) => (
              <tr key={category.long}>
                <th scope="row">{category.long}</th>
                {series.map((serie) => (
                  <td key={serie.label} class="number" data-label={serie.label}>
                    {number.format(serie.values[c] ?? 0)}
                  </td>
                ))}
                {showTotal ? <td class="number" data-label="Total">{number.format(series.reduce((sum, serie) => sum + (serie.values[c] ?? 0), 0))}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
