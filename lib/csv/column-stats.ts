import { isNumberCell } from "./infer";

export interface Bin {
  from: number;
  to: number;
  count: number;
}

/** Equal-width bins over [min, max] of a numeric column's cells (empty cells skipped). */
export function histogram(cells: string[], bins = 12): Bin[] {
  const values = cells.filter((c) => c !== "" && isNumberCell(c)).map(Number);
  if (values.length === 0) return [];
  const min = values.reduce((a, b) => Math.min(a, b));
  const max = values.reduce((a, b) => Math.max(a, b));
  const distinct = new Set(values).size;
  const count = Math.max(1, Math.min(bins, distinct));
  const width = (max - min) / count || 1;
  const out: Bin[] = Array.from({ length: count }, (_, i) => ({ from: min + i * width, to: min + (i + 1) * width, count: 0 }));
  for (const v of values) out[Math.min(count - 1, Math.floor((v - min) / width))].count++;
  return out;
}

/** The most frequent values of a category column, largest first, the rest summed as "other". */
export function categoryCounts(cells: string[], top = 8): { label: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const c of cells) if (c !== "") counts.set(c, (counts.get(c) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = sorted.slice(0, top).map(([label, count]) => ({ label, count }));
  const rest = sorted.slice(top).reduce((n, [, c]) => n + c, 0);
  return rest > 0 ? [...shown, { label: `${sorted.length - top} others`, count: rest }] : shown;
}
