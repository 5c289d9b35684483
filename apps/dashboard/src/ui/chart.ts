import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { h } from './dom.js';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

/** GOV.UK colours with at least 3:1 contrast against white, for lines and bars. */
const COLOURS = ['#1d70b8', '#d4351c', '#00703c', '#4c2c92', '#f47738', '#505a5f', '#912b88', '#28a197'];

export interface Series {
  readonly name: string;
  readonly values: ReadonlyArray<number | null>;
}

/**
 * A chart of one or more series over categories. The chart is decorative for screen readers (`aria-hidden`
 * on the drawing, a text summary as its label): the figures are in the table beside it.
 */
export function chart(
  kind: 'line' | 'bar',
  title: string,
  categories: readonly string[],
  series: readonly Series[],
  percent: boolean,
  onSelect?: (category: string) => void,
): HTMLElement {
  const box = h('div', { class: 'app-chart', role: 'img', 'aria-label': summary(title, categories, series, percent) });
  const drawing = h('div', { class: 'app-chart__drawing', 'aria-hidden': 'true' });
  box.append(drawing);
  requestAnimationFrame(() => {
    const instance = echarts.init(drawing, null, { renderer: 'svg', height: 260 });
    instance.setOption({
      color: COLOURS,
      aria: { enabled: false },
      animation: false,
      grid: { left: 48, right: 16, top: series.length > 1 ? 36 : 16, bottom: 32 },
      tooltip: { trigger: 'axis' },
      legend: series.length > 1 ? { top: 0 } : undefined,
      xAxis: { type: 'category', data: [...categories] },
      yAxis: {
        type: 'value',
        ...(percent ? { min: 0, max: 100, axisLabel: { formatter: '{value}%' } } : {}),
      },
      series: series.map((s) => ({
        name: s.name,
        type: kind,
        data: s.values.map((v) => (v === null ? null : percent ? Math.round(v * 1000) / 10 : v)),
        connectNulls: false,
      })),
    });
    if (onSelect !== undefined) instance.on('click', (params) => onSelect(String(params.name)));
    new ResizeObserver(() => instance.resize()).observe(drawing);
  });
  return box;
}

function summary(title: string, categories: readonly string[], series: readonly Series[], percent: boolean): string {
  const first = categories[0] ?? '';
  const last = categories[categories.length - 1] ?? '';
  const parts = series.map((s) => {
    const latest = [...s.values].reverse().find((v) => v !== null);
    const shown =
      latest === undefined || latest === null ? 'no figure' : percent ? `${(latest * 100).toFixed(1)}%` : latest;
    return `${s.name}: latest ${shown}`;
  });
  return `Chart of ${title}, ${first} to ${last}. ${parts.join('; ')}. The figures are in the table that follows.`;
}
