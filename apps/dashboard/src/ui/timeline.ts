import { ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { h } from './dom.js';

echarts.use([ScatterChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

export interface TimelinePoint {
  readonly date: string;
  readonly label: string;
}

/** Facts and statutory deadlines of a case on one horizontal time axis (the same points are listed in tables). */
export function timeline(facts: readonly TimelinePoint[], deadlines: readonly TimelinePoint[]): HTMLElement {
  const box = h('div', {
    class: 'app-chart',
    role: 'img',
    'aria-label': `Timeline of ${facts.length} facts and ${deadlines.length} pending deadlines; listed in the tables below.`,
  });
  const drawing = h('div', { class: 'app-chart__drawing', 'aria-hidden': 'true' });
  box.append(drawing);
  requestAnimationFrame(() => {
    const instance = echarts.init(drawing, null, { renderer: 'svg', height: 200 });
    const points = (list: readonly TimelinePoint[], y: number) =>
      list.map((p) => ({ value: [p.date, y], name: p.label }));
    instance.setOption({
      animation: false,
      color: ['#1d70b8', '#d4351c'],
      legend: { top: 0 },
      grid: { left: 100, right: 24, top: 32, bottom: 32 },
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string; value: [string, number] }) => `${p.value[0]}: ${p.name}`,
      },
      xAxis: { type: 'time' },
      yAxis: { type: 'category', data: ['Facts', 'Deadlines'] },
      series: [
        { name: 'Facts', type: 'scatter', symbolSize: 12, data: points(facts, 0) },
        { name: 'Deadlines', type: 'scatter', symbol: 'diamond', symbolSize: 14, data: points(deadlines, 1) },
      ],
    });
    new ResizeObserver(() => instance.resize()).observe(drawing);
  });
  return box;
}
