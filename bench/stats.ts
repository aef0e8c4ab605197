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

export interface Paired {
  stats: Stats;
  /** The floor sampled between the calls of fn, at the same moments. */
  floor: Stats;
  /** p50 of fn over p50 of its own floor. */
  ratio: number;
}

/**
 * Times fn and the floor alternately, n times each: on a machine others share, the load moves
 * within seconds, and a ratio of two medians taken a minute apart measures the load, not the
 * query. Same early stop as `sample`.
 */
export async function sampleVsFloor(n: number, floor: () => Promise<unknown>, fn: () => Promise<unknown>): Promise<Paired> {
  const f: number[] = [];
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i === 3 && Math.max(...out) > 1_000) break;
    let t = performance.now();
    await floor();
    f.push(performance.now() - t);
    t = performance.now();
    try {
      await fn();
    } catch (err) {
      const e = err as { cause?: { message?: string }; message?: string };
      return { stats: { p50: NaN, p95: NaN, max: NaN, n: out.length, error: e.cause?.message ?? e.message ?? String(err) }, floor: stats(f), ratio: NaN };
    }
    out.push(performance.now() - t);
  }
  const s = stats(out);
  const fl = stats(f);
  return { stats: s, floor: fl, ratio: ratio(s.p50, fl.p50) };
}

export function pairedLine(label: string, p: Paired) {
  if (p.stats.error) return console.log(`${label.padEnd(46)} FAILED after ${p.stats.n} samples: ${p.stats.error}`);
  console.log(`${label.padEnd(46)} p50 ${p.stats.p50.toFixed(2).padStart(8)} ms  p95 ${p.stats.p95.toFixed(2).padStart(8)} ms  = ${p.ratio}× the PK lookup beside it (${p.floor.p50.toFixed(2)} ms)`);
}
