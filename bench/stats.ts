export interface Stats {
  p50: number;
  p95: number;
  max: number;
  n: number;
  error?: string;
}

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { p50: r(q(0.5)), p95: r(q(0.95)), max: r(s[s.length - 1]), n: s.length };
}

/**
 * Times fn n times. A call slower than a second cuts the run to 3 samples, so a pathological
 * plan costs seconds, not the whole budget; a failure (e.g. the statement timeout) is a result.
 */
export async function sample(n: number, fn: (i: number) => Promise<unknown>): Promise<Stats> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i === 3 && Math.max(...out) > 1_000) break;
    const t = performance.now();
    try {
      await fn(i);
    } catch (err) {
      const e = err as { cause?: { message?: string }; message?: string };
      return { p50: NaN, p95: NaN, max: NaN, n: out.length, error: e.cause?.message ?? e.message ?? String(err) };
    }
    out.push(performance.now() - t);
  }
  return stats(out);
}

export const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

export function line(label: string, s: Stats, floor: number, unit = "the PK lookup") {
  if (s.error) return console.log(`${label.padEnd(46)} FAILED after ${s.n} samples: ${s.error}`);
  console.log(`${label.padEnd(46)} p50 ${s.p50.toFixed(2).padStart(8)} ms  p95 ${s.p95.toFixed(2).padStart(8)} ms  = ${ratio(s.p50, floor)}× ${unit}`);
}
