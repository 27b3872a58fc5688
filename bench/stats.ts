/** The small numbers every benchmark reports: memory in MB, the median and percentiles of timings. */

/** Bytes as whole mebibytes, as the reports print memory. */
export const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** The middle value (the upper one of an even count); 0 for none. */
export const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** The nearest-rank `p`th percentile of values sorted ascending; NaN for none. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}
