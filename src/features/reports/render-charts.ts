// Charts drawn on the server: ECharts' SVG renderer without a browser, then rasterised to PNG by
// resvg with the machine's fonts. The SVG names DejaVu Sans first (it has every Vietnamese
// glyph and ships with Debian/Ubuntu), then generic families a viewer falls back to.
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { ReportChart } from './report-model.js';

export const CHART_WIDTH = 720;
export const CHART_HEIGHT = 400;
export const CHART_FONT = 'DejaVu Sans';
const FONT_FAMILY = `${CHART_FONT}, Arial, sans-serif`;
const PALETTE = ['#2e7d32', '#1565c0', '#f9a825', '#c62828', '#6a1b9a', '#00838f', '#5d4037', '#546e7a'];

const numberFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
const vietnameseNumber = (value: number) => numberFormat.format(value);

function option(chart: ReportChart): echarts.EChartsCoreOption {
  const horizontal = chart.kind === 'compared';
  // A layer too thin to hold its number prints none (the table beside the chart has it).
  const tallest = Math.max(0, ...chart.categories.map((_c, index) => chart.series.reduce((sum, series) => sum + (series.values[index] ?? 0), 0)));
  const tooThin = (value: number) => chart.kind === 'stacked' && value < tallest * 0.04;
  const categoryAxis = {
    type: 'category',
    data: chart.categories,
    axisLabel: { fontFamily: FONT_FAMILY, fontSize: 11, ...(horizontal ? { width: 250, overflow: 'truncate' } : {}) },
    ...(horizontal ? { inverse: true } : {}),
  };
  const valueAxis = { type: 'value', name: chart.axisLabel, nameTextStyle: { fontFamily: FONT_FAMILY }, axisLabel: { fontFamily: FONT_FAMILY, formatter: vietnameseNumber }, ...(horizontal ? { max: chart.axisLabel === '%' ? 100 : undefined } : {}) };
  return {
    animation: false,
    backgroundColor: '#ffffff',
    color: PALETTE,
    textStyle: { fontFamily: FONT_FAMILY },
    title: { text: chart.title, left: 'center', top: 8, textStyle: { fontFamily: FONT_FAMILY, fontSize: 15, fontWeight: 'bold' } },
    legend: chart.series.length > 1 ? { bottom: 6, textStyle: { fontFamily: FONT_FAMILY } } : undefined,
    grid: { left: horizontal ? 270 : 64, right: 32, top: 56, bottom: chart.series.length > 1 ? 56 : 32, containLabel: !horizontal },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series: chart.series.map((series) => ({
      name: series.name,
      type: chart.kind === 'trend' ? 'line' : 'bar',
      data: series.values,
      ...(chart.kind === 'stacked' ? { stack: 'levels' } : {}),
      label: {
        show: chart.kind !== 'stacked' || chart.categories.length <= 6,
        // Vietnamese decimals (80,2); a zero layer of a stack prints nothing.
        formatter: (item: { value: unknown }) => (item.value === null || item.value === 0 || tooThin(Number(item.value)) ? '' : vietnameseNumber(Number(item.value))),
        position: chart.kind === 'stacked' ? 'inside' : horizontal ? 'right' : 'top', fontFamily: FONT_FAMILY, fontSize: 10 },
      ...(chart.kind === 'trend' ? { symbolSize: 8 } : {}),
    })),
  };
}

/** The chart as an SVG document. */
export function chartSvg(chart: ReportChart, width = CHART_WIDTH, height = chartHeight(chart)): string {
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    instance.setOption(option(chart));
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}

/** Units compared need a bar each: the chart grows with them. */
export function chartHeight(chart: ReportChart): number {
  return chart.kind === 'compared' ? Math.max(CHART_HEIGHT, 100 + chart.categories.length * 26) : CHART_HEIGHT;
}

/** The SVG rasterised at twice its size (sharp in print) or at `zoom`, with the machine's fonts. */
export function svgToPng(svg: string, zoom = 2): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: zoom },
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: CHART_FONT, sansSerifFamily: CHART_FONT },
  });
  return resvg.render().asPng();
}
