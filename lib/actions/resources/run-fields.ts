import { isNumberCell } from "@/lib/csv/infer";
import type { ModelMetadata } from "@/lib/ml/types";
import { fieldError } from "../result";

export type RunValues = Record<string, number | string>;

/** "name = value" lines (or "name: value") into a record; numbers stay numbers. */
export function parseRunLines(field: "params" | "metrics", text: string): RunValues {
  const out: RunValues = {};
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    const match = /^([^=:]+?)\s*[=:]\s*(.+)$/.exec(line);
    if (!match) throw fieldError(field, `Line ${i + 1}: write “name = value”.`);
    const [, key, value] = match;
    if (key.length > 60) throw fieldError(field, `Line ${i + 1}: names can be at most 60 characters.`);
    if (key in out) throw fieldError(field, `Line ${i + 1}: “${key}” is given twice.`);
    if (field === "metrics" && !isNumberCell(value)) throw fieldError(field, `Line ${i + 1}: the metric “${key}” must be a number.`);
    out[key] = isNumberCell(value) ? Number(value) : value.slice(0, 200);
  }
  if (Object.keys(out).length > 50) throw fieldError(field, "At most 50 entries.");
  return out;
}

/** What a trained model contributes to a run: its training settings and its hold-out scores. */
export function modelRunValues(meta: ModelMetadata): { params: RunValues; metrics: RunValues } {
  const params: RunValues = {
    algorithm: meta.algorithm, target: meta.target, inputs: meta.inputs.join(", "), max_depth: meta.maxDepth,
    min_samples: meta.minSamples, seed: meta.seed, train_rows: meta.trainRows, test_rows: meta.testRows,
  };
  const metrics: RunValues = {};
  const m = meta.metrics;
  if (m.holdoutAccuracy !== undefined) metrics.holdout_accuracy = m.holdoutAccuracy;
  if (m.baselineAccuracy !== undefined) metrics.baseline_accuracy = m.baselineAccuracy;
  if (m.r2 !== undefined) metrics.r2 = m.r2;
  if (m.mae !== undefined) metrics.mae = m.mae;
  return { params, metrics };
}
