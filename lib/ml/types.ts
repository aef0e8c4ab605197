import type { ColumnType } from "@/lib/csv/infer";

export type Task = "classification" | "regression";

export interface ModelInput {
  name: string;
  type: ColumnType;
  /** Categories seen in training, in order (booleans: their two spellings). */
  categories?: string[];
  /** What a missing number is read as: the training mean. */
  fill?: number;
}

/** One numeric column the tree sees: a number input as it is, or one category of an input as 0/1. */
export interface Feature {
  input: number;
  category?: string;
}

export type DisplayNode =
  | { kind: "split"; test: string; yes: DisplayNode; no: DisplayNode; samples: number }
  | { kind: "leaf"; prediction: string; confidence: number | null; samples: number };

export interface ModelPayload {
  task: Task;
  target: string;
  inputs: ModelInput[];
  features: Feature[];
  /** Class labels, by the index the tree predicts (classification only). */
  classes: string[];
  /** The trained ml-cart tree as its own toJSON gives it; reloaded for every prediction. */
  tree: unknown;
  display: DisplayNode;
}

export interface ModelMetrics {
  holdoutAccuracy?: number;
  /** The accuracy of always answering the most common class: what the tree has to beat. */
  baselineAccuracy?: number;
  r2?: number;
  mae?: number;
}

export interface ModelMetadata {
  algorithm: string;
  task: Task;
  target: string;
  inputs: string[];
  datasetId: string | null;
  datasetName: string;
  seed: number;
  maxDepth: number;
  minSamples: number;
  trainRows: number;
  testRows: number;
  /** How long fitting took, in milliseconds (absent on models trained before it was recorded). */
  trainMs?: number;
  metrics: ModelMetrics;
}

export interface PredictionOutput {
  prediction: string;
  /** The share of training rows in the leaf that had the predicted class; null for regression. */
  confidence: number | null;
}
