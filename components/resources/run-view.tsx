import { BarList } from "@/components/charts/bar-list";

type Values = Record<string, string | number>;

function ValuesTable({ caption, values }: { caption: string; values: Values }) {
  const entries = Object.entries(values);
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-sm">
        <caption className="bg-slate-50 px-3 py-2 text-left font-semibold">{caption}</caption>
        <thead className="sr-only">
          <tr><th scope="col">Name</th><th scope="col">Value</th></tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {entries.length === 0 ? (
            <tr><td className="px-3 py-2 text-slate-500" colSpan={2}>None</td></tr>
          ) : (
            entries.map(([k, v]) => (
              <tr key={k}>
                <th scope="row" className="w-1/3 px-3 py-1.5 text-left font-mono font-normal">{k}</th>
                <td className="px-3 py-1.5 font-mono">{String(v)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

/** The run's numeric metrics as bars; on a 0–1 scale when every one is a proportion. */
function MetricBars({ metrics }: { metrics: Values }) {
  const items = Object.entries(metrics)
    .filter((e): e is [string, number] => typeof e[1] === "number" && Number.isFinite(e[1]))
    .map(([label, value]) => ({ label, value }));
  if (items.length === 0) return null;
  const proportions = items.every((i) => i.value >= 0 && i.value <= 1);
  return <BarList label="Metrics" items={items} max={proportions ? 1 : undefined} />;
}

export function RunView({ metadata }: { metadata: { params?: Values; metrics?: Values; modelName?: string | null } }) {
  return (
    <div className="space-y-4">
      {metadata.modelName ? <p className="text-sm">Recorded from the model “{metadata.modelName}”.</p> : null}
      <div className="grid gap-4 md:grid-cols-2">
        <ValuesTable caption="Parameters" values={metadata.params ?? {}} />
        <ValuesTable caption="Metrics" values={metadata.metrics ?? {}} />
      </div>
      <MetricBars metrics={metadata.metrics ?? {}} />
    </div>
  );
}
