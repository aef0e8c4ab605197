import { AxisLeft } from "@visx/axis";
import { Group } from "@visx/group";
import { scaleBand, scaleLinear } from "@visx/scale";
import { Bar } from "@visx/shape";
import { formatNumber } from "@/lib/ml/display";

const WIDTH = 320;
const ROW = 20;
const MARGIN = { top: 4, right: 48, bottom: 4, left: 110 };

/**
 * Horizontal bars, one per label (a category's counts, a run's metrics), drawn on the server
 * with visx. `max` fixes the scale (1 for proportions) so bars compare across charts.
 */
export function BarList({ label, items, max }: { label: string; items: { label: string; value: number }[]; max?: number }) {
  const height = MARGIN.top + MARGIN.bottom + ROW * items.length;
  const innerW = WIDTH - MARGIN.left - MARGIN.right;
  const y = scaleBand<string>({ domain: items.map((i) => i.label), range: [MARGIN.top, height - MARGIN.bottom], padding: 0.2 });
  const top = max ?? Math.max(...items.map((i) => Math.abs(i.value)), 0);
  const x = scaleLinear<number>({ domain: [0, top || 1], range: [0, innerW], clamp: true });
  const summary = items.map((i) => `${i.label}: ${formatNumber(i.value)}`).join("; ");
  return (
    <figure className="space-y-1">
      <svg width={WIDTH} height={height} viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={`${label}. ${summary}`} className="max-w-full">
        <Group left={MARGIN.left}>
          {items.map((i) => (
            <Group key={i.label}>
              <Bar x={0} y={y(i.label)} width={x(Math.abs(i.value))} height={y.bandwidth()} className="fill-indigo-500" />
              <text x={x(Math.abs(i.value)) + 4} y={(y(i.label) ?? 0) + y.bandwidth() / 2} dy="0.33em" fontSize={10} fill="#334155">
                {formatNumber(i.value)}
              </text>
            </Group>
          ))}
          <AxisLeft scale={y} hideTicks stroke="#94a3b8" tickLabelProps={{ fill: "#334155", fontSize: 10 }} tickFormat={(v) => (v.length > 18 ? `${v.slice(0, 17)}…` : v)} />
        </Group>
      </svg>
      <figcaption className="text-xs text-slate-600">{label}</figcaption>
    </figure>
  );
}
