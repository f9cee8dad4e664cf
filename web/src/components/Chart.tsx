import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface ChildFigure {
  name: string;
  actual: number | null;
  target: number | null;
}

/** Actual against target per child unit, in percent (loaded only on the pages that draw it). */
export default function ActualVsTargetChart({ title, figures }: { title: string; figures: ChildFigure[] }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) {
      return;
    }
    const chart = echarts.init(element.current);
    const percent = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
    chart.setOption({
      // no animation for people who asked their system for less motion
      animation: !window.matchMedia('(prefers-reduced-motion: reduce)').matches,
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v == null ? '—' : `${String(v).replace('.', ',')}%`) },
      // the legend above the plot, the plot sized to hold its rotated (and, when long, shortened) unit names
      legend: { data: ['Thực hiện', 'Chỉ tiêu'], top: 0, right: 0 },
      grid: { left: 8, right: 16, bottom: 8, top: 40, containLabel: true },
      xAxis: {
        type: 'category', data: figures.map((f) => f.name),
        axisLabel: { rotate: 35, interval: 0, width: 120, overflow: 'truncate' },
      },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        { name: 'Thực hiện', type: 'bar', data: figures.map((f) => percent(f.actual)) },
        { name: 'Chỉ tiêu', type: 'line', data: figures.map((f) => percent(f.target)) },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [figures]);
  return <div ref={element} className="chart" role="img" aria-label={title} />;
}
