import { AxisBottom, AxisLeft } from "@visx/axis";
import { Group } from "@visx/group";
import { scaleLinear } from "@visx/scale";
import { Bar } from "@visx/shape";
import type { Bin } from "@/lib/csv/column-stats";
import { formatNumber } from "@/lib/ml/display";

const WIDTH = 320;
const HEIGHT = 150;
const MARGIN = { top: 8, right: 8, bottom: 28, left: 36 };

/**
 * A histogram drawn on the server (visx: SVG primitives and scales, no browser code), with the
 * bin counts also given as text for screen readers.
 */
export function Histogram({ label, bins }: { label: string; bins: Bin[] }) {
  const innerW = WIDTH - MARGIN.left - MARGIN.right;
  const innerH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = scaleLinear<number>({ domain: [bins[0].from, bins[bins.length - 1].to], range: [0, innerW] });
  const y = scaleLinear<number>({ domain: [0, Math.max(...bins.map((b) => b.count))], range: [innerH, 0], nice: true });
  const summary = bins.map((b) => `${formatNumber(b.from)} to ${formatNumber(b.to)}: ${b.count}`).join("; ");
  return (
    <figure className="space-y-1">
      <svg width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`Histogram of ${label}. ${summary}`} className="max-w-full">
        <Group left={MARGIN.left} top={MARGIN.top}>
          {bins.map((b, i) => (
            <Bar key={i} x={x(b.from) + 1} y={y(b.count)} width={Math.max(1, x(b.to) - x(b.from) - 2)} height={innerH - y(b.count)} className="fill-indigo-500" />
          ))}
          <AxisLeft scale={y} numTicks={3} tickFormat={(v) => formatNumber(Number(v))} stroke="#94a3b8" tickStroke="#94a3b8" tickLabelProps={{ fill: "#334155", fontSize: 10 }} />
          <AxisBottom top={innerH} scale={x} numTicks={4} tickFormat={(v) => formatNumber(Number(v))} stroke="#94a3b8" tickStroke="#94a3b8" tickLabelProps={{ fill: "#334155", fontSize: 10 }} />
        </Group>
      </svg>
      <figcaption className="text-xs text-slate-600">{label}</figcaption>
    </figure>
  );
}
