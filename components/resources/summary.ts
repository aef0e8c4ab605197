import type { DatasetMetadata } from "@/lib/csv/dataset";
import type { ModelMetadata, ModelMetrics } from "@/lib/ml/types";
import type { ResourceKind } from "@/lib/resources/kinds";
import { percent } from "./format";

function score(m: ModelMetrics | undefined): string {
  if (!m) return "";
  if (m.holdoutAccuracy !== undefined) return `hold-out accuracy ${percent(m.holdoutAccuracy)}`;
  if (m.r2 !== undefined) return `hold-out R² ${m.r2}`;
  return "";
}

/** One line about a resource for lists, from its metadata alone (payloads stay in the database). */
export function summarize(kind: ResourceKind, metadata: Record<string, unknown>): string {
  switch (kind) {
    case "dataset": {
      const m = metadata as unknown as DatasetMetadata;
      return `${m.rowCount} rows · ${m.columns?.length ?? 0} columns`;
    }
    case "model": {
      const m = metadata as unknown as ModelMetadata;
      return [`predicts ${m.target}`, score(m.metrics)].filter(Boolean).join(" · ");
    }
    case "run": {
      const params = Object.keys((metadata.params as object) ?? {}).length;
      const metrics = Object.keys((metadata.metrics as object) ?? {}).length;
      return `${params} parameters · ${metrics} metrics`;
    }
    case "endpoint":
      return `${String(metadata.status ?? "live")} · serves ${String(metadata.modelName ?? "a model")}`;
    case "prediction": {
      const confidence = metadata.confidence as number | null | undefined;
      return `${String(metadata.target)} = ${String(metadata.prediction)}${typeof confidence === "number" ? ` (confidence ${percent(confidence)})` : ""}`;
    }
  }
}
