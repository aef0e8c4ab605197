import type { ModelMetadata, ModelPayload } from "@/lib/ml/types";
import { percent } from "./format";
import { TreeView } from "./tree-view";

export function ModelScore({ metadata }: { metadata: Pick<ModelMetadata, "task" | "metrics"> & { testRows?: number } }) {
  const m = metadata.metrics;
  const on = metadata.testRows ? ` on ${metadata.testRows} rows the tree never saw` : " on rows the tree never saw";
  if (metadata.task === "classification") {
    return (
      <p className="text-sm">
        Hold-out accuracy: <strong>{percent(m.holdoutAccuracy)}</strong>{on}
        {m.baselineAccuracy !== undefined ? <> (always answering the most common class scores {percent(m.baselineAccuracy)})</> : null}.
      </p>
    );
  }
  return (
    <p className="text-sm">
      Hold-out R²: <strong>{m.r2}</strong>, mean absolute error {m.mae},{on}.
    </p>
  );
}

export function ModelView({ metadata, payload }: { metadata: ModelMetadata; payload: ModelPayload }) {
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium text-slate-600">Predicts</dt>
        <dd>{metadata.target} ({metadata.task})</dd>
        <dt className="font-medium text-slate-600">From</dt>
        <dd>{metadata.inputs.join(", ")}</dd>
        <dt className="font-medium text-slate-600">Algorithm</dt>
        <dd>{metadata.algorithm}, depth at most {metadata.maxDepth}, leaves of at least {metadata.minSamples} rows</dd>
        <dt className="font-medium text-slate-600">Training</dt>
        <dd>
          {metadata.trainRows} rows of “{metadata.datasetName}” ({metadata.testRows} held out), split with seed {metadata.seed}
          {metadata.trainMs !== undefined ? `, fitted in ${(metadata.trainMs / 1000).toFixed(1)} s` : ""}
        </dd>
      </dl>
      <ModelScore metadata={metadata} />
      <section aria-labelledby="tree-heading" className="space-y-2">
        <h3 id="tree-heading" className="font-semibold">What it learned</h3>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-4">
          <TreeView root={payload.display} />
        </div>
      </section>
    </div>
  );
}
