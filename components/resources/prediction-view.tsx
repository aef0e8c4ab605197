import { percent } from "./format";

interface PredictionMetadata {
  input: Record<string, string>;
  target: string;
  prediction: string;
  confidence: number | null;
  via: "model" | "endpoint";
  sourceName: string;
}

export function PredictionView({ metadata }: { metadata: PredictionMetadata }) {
  return (
    <div className="space-y-4">
      <p className="text-lg">
        <strong>{metadata.target} = {metadata.prediction}</strong>
        {metadata.confidence !== null ? <span className="text-slate-600"> with confidence {percent(metadata.confidence)}</span> : null}
      </p>
      <p className="text-sm text-slate-600">
        Made {metadata.via === "endpoint" ? "on the endpoint" : "with the model"} “{metadata.sourceName}”
        {metadata.confidence !== null ? "; the confidence is the share of training rows in the tree's leaf that had this answer." : "."}
      </p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm">
          <caption className="bg-slate-50 px-3 py-2 text-left font-semibold">Input</caption>
          <thead className="sr-only"><tr><th scope="col">Field</th><th scope="col">Value</th></tr></thead>
          <tbody className="divide-y divide-slate-200">
            {Object.entries(metadata.input).map(([k, v]) => (
              <tr key={k}>
                <th scope="row" className="w-1/3 px-3 py-1.5 text-left font-normal">{k}</th>
                <td className="px-3 py-1.5">{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
