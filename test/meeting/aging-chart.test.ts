import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { agingChartSvg, chartFontFiles, renderAgingChart } from '../../src/reports/aging-chart.ts';

const order = ['current', '1-30', '31-60', '61-90', '90+'];
const data = {
  title: 'Receivables aging on 2026-12-01',
  bucketOrder: order,
  buckets: ['CNY', 'USD'].flatMap((currency, c) =>
    order.map((bucket, i) => ({ currency, bucket, amount: (c + 1) * 100_000 * (i + 1) })),
  ),
  accounts: [
    { name: '苏州永信机械制造有限公司', days: 74, bucket: '61-90' },
    { name: '臺北宏達電子股份有限公司', days: 130, bucket: '90+' },
    { name: 'Maple Leaf Components LLC', days: 38, bucket: '31-60' },
  ],
};

/** Dark pixels in an RGBA buffer: how much ink a rendering left. */
function ink(pixels: Uint8Array | Buffer): number {
  let n = 0;
  for (let i = 0; i < pixels.length; i += 4) if ((pixels[i + 3] ?? 0) > 0 && (pixels[i] ?? 255) < 128) n++;
  return n;
}

describe('aging chart (PB-28)', () => {
  it('renders a valid, non-trivial PNG', async () => {
    const png = await renderAgingChart(data);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const header = Buffer.from(png.subarray(8, 33));
    expect(header.toString('latin1', 4, 8)).toBe('IHDR');
    expect(header.readUInt32BE(8)).toBeGreaterThan(800); // width
    expect(header.readUInt32BE(12)).toBeGreaterThan(400); // height
    expect(png.length).toBeGreaterThan(20_000);
    expect(Buffer.from(png.subarray(-8, -4)).toString('latin1')).toBe('IEND');
  });

  it('draws the Chinese names as text in the picture', async () => {
    const svg = await agingChartSvg(data);
    expect(svg).toContain('苏州永信机械制造有限公司');
    expect(svg).toContain('臺北宏達電子股份有限公司');
  });

  it('has glyphs for simplified and traditional Chinese names in its fonts', () => {
    const text = (name: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="40"><text x="5" y="30" font-size="24" font-family="DejaVu Sans">${name}</text></svg>`;
    const render = (name: string, fontFiles: string[]) =>
      new Resvg(text(name), {
        font: { loadSystemFonts: false, fontFiles, defaultFontFamily: 'DejaVu Sans' },
      }).render().pixels;
    for (const name of ['苏州永信机械', '臺北宏達電子']) {
      expect(ink(render(name, chartFontFiles()))).toBeGreaterThan(500);
      expect(ink(render(name, []))).toBe(0); // without the fonts nothing would show
    }
  });
});
