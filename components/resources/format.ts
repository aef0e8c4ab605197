import { formatDate } from "@/lib/format/dates";

export function percent(n: number | null | undefined): string {
  return n === null || n === undefined ? "–" : `${Math.round(n * 1000) / 10}%`;
}

export function shortDate(d: Date): string {
  return formatDate(d, "short");
}

export function bytes(n: number): string {
  if (n < 1000) return `${n} bytes`;
  if (n < 1_000_000) return `${(n / 1000).toFixed(1)} kB`;
  return `${(n / 1_000_000).toFixed(1)} MB`;
}
