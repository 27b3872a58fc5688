/**
 * The aging chart of the monthly credit meeting (PB-28), rendered to PNG without a browser:
 * vega-lite -> vega View -> SVG -> resvg. Fonts are loaded from files (no system fonts), so Chinese
 * customer names render the same on every machine: Noto Sans Hans (@embedpdf/fonts-sc) plus DejaVu
 * Sans where the system has it.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { translator, type Translator } from '../i18n/translate.ts';

/** Open amounts of one currency in one aging bucket (PB-04), in major units for the axis. */
export interface BucketBar {
  currency: string;
  bucket: string;
  amount: number;
}

/** One account over 30 days, for the bar of days overdue. */
export interface AccountBar {
  name: string;
  days: number;
  bucket: string;
}

/** What the chart shows. */
export interface AgingChartData {
  title: string;
  buckets: BucketBar[];
  accounts: AccountBar[];
  /** Bucket labels in order, current first. */
  bucketOrder: string[];
  /** The language of the axis and legend titles (the meeting channel's; default English). */
  t?: Translator;
}

const CJK_FAMILY = 'Noto Sans S Chinese';
const DEJAVU_DIR = '/usr/share/fonts/truetype/dejavu';

/** Font files for resvg: the CJK OTF from the npm package, DejaVu Sans when installed. */
export function chartFontFiles(): string[] {
  const require = createRequire(import.meta.url);
  const fontsDir = join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
  const files = [join(fontsDir, 'NotoSansHans-Regular.otf'), join(fontsDir, 'NotoSansHans-Bold.otf')];
  for (const f of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']) {
    const path = join(DEJAVU_DIR, f);
    if (existsSync(path)) files.push(path);
  }
  return files;
}

// PB-04: current in green, older buckets from amber to red.
const PALETTE = ['#2e7d32', '#f9a825', '#ef6c00', '#d84315', '#b71c1c', '#7f0000'];

function spec(data: AgingChartData): TopLevelSpec {
  const t = data.t ?? translator('en');
  const color = {
    field: 'bucket',
    type: 'nominal' as const,
    title: t.t('aging.chart.legend'),
    scale: { domain: data.bucketOrder, range: PALETTE.slice(0, data.bucketOrder.length) },
  };
  const accounts = data.accounts.slice(0, 25);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: data.title, fontSize: 16 },
    background: 'white',
    padding: 16,
    config: { font: `DejaVu Sans, ${CJK_FAMILY}`, view: { stroke: null } },
    vconcat: [
      {
        data: { values: data.buckets },
        facet: { column: { field: 'currency', type: 'nominal', title: t.t('aging.chart.by_bucket') } },
        resolve: { scale: { y: 'independent' } },
        spec: {
          width: 180,
          height: 160,
          mark: { type: 'bar' },
          encoding: {
            x: {
              field: 'bucket',
              type: 'nominal',
              sort: data.bucketOrder,
              title: null,
              axis: { labelAngle: 0 },
            },
            y: {
              field: 'amount',
              type: 'quantitative',
              title: t.t('aging.chart.amount'),
              axis: { labelExpr: "datum.value === 0 ? '0' : format(datum.value, '~s')" },
            },
            color: { ...color, legend: null },
          },
        },
      },
      {
        data: { values: accounts },
        title: {
          text: t.t('aging.chart.accounts', {
            limited: data.accounts.length > accounts.length ? 'yes' : 'no',
            shown: accounts.length,
          }),
        },
        width: 560,
        height: { step: 16 },
        mark: { type: 'bar' },
        encoding: {
          y: { field: 'name', type: 'nominal', sort: '-x', title: null, axis: { labelLimit: 260 } },
          x: { field: 'days', type: 'quantitative', title: t.t('aging.chart.days') },
          color,
        },
      },
    ],
  };
}

/** The chart as an SVG document. */
export async function agingChartSvg(data: AgingChartData): Promise<string> {
  const { spec: compiled } = compile(spec(data));
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

/** The chart as PNG bytes, ready to attach to the meeting's parent message. */
export async function renderAgingChart(data: AgingChartData): Promise<Uint8Array> {
  const svg = await agingChartSvg(data);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: 2 },
    font: { loadSystemFonts: false, fontFiles: chartFontFiles(), defaultFontFamily: 'DejaVu Sans' },
  });
  return new Uint8Array(resvg.render().asPng());
}
