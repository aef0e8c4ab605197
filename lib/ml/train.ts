import { DecisionTreeClassifier, DecisionTreeRegression } from "ml-cart";
import type { ColumnInfo } from "@/lib/csv/infer";
import { describeTree, formatNumber } from "./display";
import { encodeRow, planInputs } from "./encode";
import { TrainError } from "./errors";
import { seededShuffle } from "./random";
import type { ModelMetrics, ModelPayload, Task } from "./types";

export const TRAIN_DEFAULTS = { seed: 42, maxDepth: 4, minSamples: 5, holdout: 0.2 } as const;
/** CART tries every threshold of every column at every node, so its cost grows with rows squared. */
export const MAX_TRAIN_ROWS = 2000;
export const MAX_TEST_ROWS = 1000;
const MIN_ROWS = 10;
/** A number target with at most this many values is read as classes (e.g. 0/1), above it as a quantity. */
const MAX_NUMERIC_CLASSES = 10;

export interface TrainOptions {
  target: string;
  inputs: string[];
  seed?: number;
  maxDepth?: number;
  minSamples?: number;
}

export interface TrainResult {
  payload: ModelPayload;
  metrics: ModelMetrics;
  trainRows: number;
  testRows: number;
  seed: number;
  maxDepth: number;
  minSamples: number;
}

function checkChoice(columns: ColumnInfo[], opts: TrainOptions) {
  const names = new Set(columns.map((c) => c.name));
  if (!names.has(opts.target)) throw new TrainError("target", "Choose the column to predict from this dataset's columns.");
  if (opts.inputs.length === 0) throw new TrainError("inputs", "Choose at least one input column.");
  const unknown = opts.inputs.find((n) => !names.has(n));
  if (unknown) throw new TrainError("inputs", `“${unknown}” is not a column of this dataset.`);
  if (opts.inputs.includes(opts.target)) throw new TrainError("inputs", "The column to predict cannot also be an input.");
}

function taskFor(column: ColumnInfo, values: string[]): { task: Task; classes: string[] } {
  const distinct = [...new Set(values)];
  if (distinct.length < 2) {
    const only = distinct[0] ?? "";
    throw new TrainError("target", `The column “${column.name}” has only one value (“${only}”): a model needs at least two different values to learn from.`);
  }
  if (column.type === "number" && distinct.length > MAX_NUMERIC_CLASSES) return { task: "regression", classes: [] };
  const classes = column.type === "number" ? distinct.sort((a, b) => Number(a) - Number(b)) : distinct.sort();
  return { task: "classification", classes };
}

function score(task: Task, actual: number[], predicted: number[], trainLabels: number[]): ModelMetrics {
  if (task === "classification") {
    const counts = new Map<number, number>();
    for (const l of trainLabels) counts.set(l, (counts.get(l) ?? 0) + 1);
    const majority = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
    return {
      holdoutAccuracy: actual.filter((a, i) => a === predicted[i]).length / actual.length,
      baselineAccuracy: actual.filter((a) => a === majority).length / actual.length,
    };
  }
  const mean = actual.reduce((a, b) => a + b, 0) / actual.length;
  const ssRes = actual.reduce((s, a, i) => s + (a - predicted[i]) ** 2, 0);
  const ssTot = actual.reduce((s, a) => s + (a - mean) ** 2, 0);
  return {
    r2: ssTot === 0 ? 0 : Number(formatNumber(1 - ssRes / ssTot)),
    mae: Number(formatNumber(actual.reduce((s, a, i) => s + Math.abs(a - predicted[i]), 0) / actual.length)),
  };
}

/**
 * A CART decision tree on a dataset's rows, checked on a seeded hold-out split: the same data,
 * choice and seed always give the same tree and the same score.
 */
export function trainTree(data: { columns: ColumnInfo[]; rows: string[][] }, opts: TrainOptions): TrainResult {
  checkChoice(data.columns, opts);
  const seed = opts.seed ?? TRAIN_DEFAULTS.seed;
  const maxDepth = opts.maxDepth ?? TRAIN_DEFAULTS.maxDepth;
  const minSamples = opts.minSamples ?? TRAIN_DEFAULTS.minSamples;
  const targetIndex = data.columns.findIndex((c) => c.name === opts.target);
  const inputIndexes = opts.inputs.map((n) => data.columns.findIndex((c) => c.name === n));
  const usable = data.rows.filter((r) => r[targetIndex] !== "");
  if (usable.length < MIN_ROWS) {
    throw new TrainError("target", `Only ${usable.length} rows have a value in “${opts.target}”; training needs at least ${MIN_ROWS}.`);
  }
  const { task, classes } = taskFor(data.columns[targetIndex], usable.map((r) => r[targetIndex]));

  const shuffled = seededShuffle(usable, seed);
  const testCount = Math.max(1, Math.round(shuffled.length * TRAIN_DEFAULTS.holdout));
  const test = shuffled.slice(0, Math.min(testCount, MAX_TEST_ROWS));
  const train = shuffled.slice(testCount, testCount + MAX_TRAIN_ROWS);

  const { inputs, features } = planInputs(data.columns, opts.inputs, train);
  const encode = (r: string[]) => encodeRow(inputs, features, inputIndexes.map((i) => r[i]));
  const label = (r: string[]) => (task === "classification" ? classes.indexOf(r[targetIndex]) : Number(r[targetIndex]));
  const trainX = train.map(encode);
  const trainY = train.map(label);

  const options = { maxDepth, minNumSamples: minSamples };
  const model = task === "classification" ? new DecisionTreeClassifier({ ...options, gainThreshold: 0.001 }) : new DecisionTreeRegression(options);
  model.train(trainX, trainY);
  const metrics = score(task, test.map(label), model.predict(test.map(encode)), trainY);

  return {
    payload: {
      task, target: opts.target, inputs, features, classes,
      tree: JSON.parse(JSON.stringify(model.toJSON())),
      display: describeTree(model.root, trainX, { inputs, features, task, classes }),
    },
    metrics,
    trainRows: train.length,
    testRows: test.length,
    seed,
    maxDepth,
    minSamples,
  };
}
