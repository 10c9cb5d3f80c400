import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import { page } from '../../../../test/helpers/html.ts';
import { BarChart, type BarChartProps } from './bar-chart.tsx';

const props = (layout: BarChartProps['layout']): BarChartProps => ({
  id: 'essai',
  title: 'Décisions par mois',
  categoryLabel: 'Mois',
  valueLabel: 'Décisions',
  layout,
  categories: [
    { short: 'janv.', long: 'janvier 2025' },
    { short: 'févr.', long: 'février 2025' },
  ],
  series: [
    { label: 'Premières demandes', values: [4, 0] },
    { label: 'Refus', values: [2, 1] },
  ],
});

const render = (layout: BarChartProps['layout']) => page(renderToString(<BarChart {...props(layout)} />));
const bars = (chart: ReturnType<typeof render>) =>
  chart.root.querySelectorAll('svg[role="img"] > rect').map((rect) => ['x', 'y', 'width', 'height', 'fill'].map((name) => rect.getAttribute(name)!));

test('stacked: one column per month, the second series on top of the first, an empty value draws nothing', () => {
  const chart = render('stacked');
  const drawn = bars(chart);
  assert.equal(drawn.length, 3, 'janvier: two bars; février: the refusal only');
  const [first, second, third] = drawn.map(([x, y, width, height, fill]) => ({ x: Number(x), y: Number(y), width: Number(width), height: Number(height), fill }));
  assert.equal(first!.x, second!.x, 'one column');
  assert.ok(Math.abs(second!.y + second!.height - first!.y) < 1e-9, 'the refusals sit on the first requests');
  assert.ok(Math.abs(first!.height - 2 * second!.height) < 1e-9, '4 is twice as tall as 2');
  assert.equal(third!.fill, second!.fill, 'a series keeps its fill');
  assert.notEqual(first!.fill, second!.fill);
  assert.deepEqual(chart.table('Décisions par mois'), [['janvier 2025', '4', '2', '6'], ['février 2025', '0', '1', '1']]);
});

test('grouped: side by side, no total column; the picture is named by its title and every pattern it uses is defined', () => {
  const chart = render('grouped');
  const drawn = bars(chart);
  assert.equal(drawn.length, 3);
  assert.notEqual(drawn[0]![0], drawn[1]![0], 'side by side');
  assert.deepEqual(chart.table('Décisions par mois'), [['janvier 2025', '4', '2'], ['février 2025', '0', '1']]);
  const svg = chart.root.querySelector('svg[role="img"]')!;
  assert.equal(svg.getAttribute('aria-labelledby'), 'essai-titre');
  assert.equal(svg.querySelector('title')!.text, "Décisions par mois : diagramme en barres ; les nombres sont dans le tableau qui l'accompagne.");
  for (const [, , , , fill] of drawn) {
    const id = /^url\(#(.+)\)$/.exec(fill ?? '')?.[1];
    if (id) assert.ok(chart.root.querySelector(`pattern[id="${id}"]`), `pattern ${id}`);
  }
  assert.deepEqual(chart.texts('.chart-key li'), ['Premières demandes', 'Refus'], 'the legend names each series');
});
