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

export function RunView({ metadata }: { metadata: { params?: Values; metrics?: Values; modelName?: string | null } }) {
  return (
    <div className="space-y-4">
      {metadata.modelName ? <p className="text-sm">Recorded from the model “{metadata.modelName}”.</p> : null}
      <div className="grid gap-4 md:grid-cols-2">
        <ValuesTable caption="Parameters" values={metadata.params ?? {}} />
        <ValuesTable caption="Metrics" values={metadata.metrics ?? {}} />
      </div>
    </div>
  );
}
