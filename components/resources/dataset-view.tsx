import { BarList } from "@/components/charts/bar-list";
import { Histogram } from "@/components/charts/histogram";
import { categoryCounts, histogram } from "@/lib/csv/column-stats";
import type { DatasetMetadata, DatasetPayload } from "@/lib/csv/dataset";
import { formatNumber } from "@/lib/ml/display";
import { bytes } from "./format";

const PREVIEW_ROWS = 10;
/** Charts drawn for at most this many columns: wide files would make a very long page. */
const CHARTED_COLUMNS = 12;

function ColumnCharts({ metadata, rows }: { metadata: DatasetMetadata; rows: string[][] }) {
  const charted = metadata.columns.slice(0, CHARTED_COLUMNS);
  return (
    <section aria-labelledby="charts-heading" className="space-y-2">
      <h3 id="charts-heading" className="font-semibold">Distributions</h3>
      {metadata.columns.length > CHARTED_COLUMNS ? (
        <p className="text-sm text-slate-600">The first {CHARTED_COLUMNS} of {metadata.columns.length} columns.</p>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {charted.map((c, index) => {
          const cells = rows.map((r) => r[index] ?? "");
          if (c.type === "number") {
            const bins = histogram(cells);
            return bins.length ? <Histogram key={c.name} label={c.name} bins={bins} /> : null;
          }
          const counts = categoryCounts(cells);
          return counts.length ? <BarList key={c.name} label={c.name} items={counts.map((k) => ({ label: k.label, value: k.count }))} /> : null;
        })}
      </div>
    </section>
  );
}

export function DatasetView({ metadata, payload }: { metadata: DatasetMetadata; payload: DatasetPayload | null }) {
  const preview = payload?.rows.slice(0, PREVIEW_ROWS) ?? [];
  return (
    <div className="space-y-6">
      <p className="text-sm text-slate-700">
        <strong>{metadata.rowCount}</strong> rows · <strong>{metadata.columns.length}</strong> columns · {bytes(metadata.bytes)} from “{metadata.fileName}”
      </p>
      <section aria-labelledby="columns-heading" className="space-y-2">
        <h3 id="columns-heading" className="font-semibold">Columns</h3>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <thead className="bg-slate-50 text-left">
              <tr>
                <th scope="col" className="px-3 py-2">Column</th>
                <th scope="col" className="px-3 py-2">Type</th>
                <th scope="col" className="px-3 py-2">Missing</th>
                <th scope="col" className="px-3 py-2">Distinct</th>
                <th scope="col" className="px-3 py-2">Values</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {metadata.columns.map((c) => (
                <tr key={c.name}>
                  <th scope="row" className="px-3 py-2 text-left font-medium">{c.name}</th>
                  <td className="px-3 py-2">{c.type}</td>
                  <td className="px-3 py-2">{c.missing}</td>
                  <td className="px-3 py-2">{c.distinct}</td>
                  <td className="px-3 py-2 text-slate-600">
                    {c.type === "number"
                      ? `${formatNumber(c.min ?? 0)} to ${formatNumber(c.max ?? 0)}, mean ${formatNumber(c.mean ?? 0)}`
                      : (c.values ?? []).join(", ") + (c.distinct > (c.values?.length ?? 0) ? ", …" : "")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {payload && payload.rows.length > 0 ? <ColumnCharts metadata={metadata} rows={payload.rows} /> : null}
      <section aria-labelledby="preview-heading" className="space-y-2">
        <h3 id="preview-heading" className="font-semibold">First {Math.min(PREVIEW_ROWS, metadata.rowCount)} rows</h3>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm" aria-label="Data preview">
            <thead className="bg-slate-50 text-left">
              <tr>
                {metadata.columns.map((c) => (
                  <th key={c.name} scope="col" className="px-3 py-2">{c.name}</th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {preview.map((row, i) => (
                <tr key={i}>
                  {row.map((cell, j) => (
                    <td key={j} className="px-3 py-1.5 whitespace-nowrap">{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
