/**
 * The value axis of a bar chart: a round maximum and its ticks (1, 2 or 5 times a power of ten
 * apart), so that a reader can place a bar between two lines.
 */
export type ValueAxis = { max: number; ticks: number[] };

/** At most this many steps between 0 and the maximum: more lines would crowd the labels. */
const MAX_STEPS = 5;

export function valueAxis(largest: number): ValueAxis {
  if (!(largest > 0)) return { max: 1, ticks: [0, 1] };
  const rough = largest / MAX_STEPS;
  const power = 10 ** Math.floor(Math.log10(rough));
  // Counts are whole: a step below 1 would print fractions of a person.
  const step = Math.max(1, [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough)!);
  const max = Math.ceil(largest / step) * step;
  const ticks: number[] = [];
  for (let tick = 0; tick <= max; tick += step) ticks.push(tick);
  return { max, ticks };
}
