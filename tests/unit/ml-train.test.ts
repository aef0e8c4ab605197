import { describe, expect, it } from "vitest";
import { buildDataset } from "@/lib/csv/dataset";
import { churnCsv, churnRows } from "@/lib/ml/churn";
import { predictOne } from "@/lib/ml/predict";
import { seededShuffle } from "@/lib/ml/random";
import { trainTree } from "@/lib/ml/train";
import type { DisplayNode } from "@/lib/ml/types";

const INPUTS = ["membership_months", "visits_per_week", "age", "plan"];

function churnData(count = 500) {
  const { metadata, payload } = buildDataset(new TextEncoder().encode(churnCsv(count)), "churn.csv");
  return { columns: metadata.columns, rows: payload.rows };
}

function leaves(node: DisplayNode): number {
  return node.kind === "leaf" ? 1 : leaves(node.yes) + leaves(node.no);
}

describe("seeded randomness", () => {
  it("gives the same order for the same seed and another for another seed", () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    expect(seededShuffle(items, 1)).toEqual(seededShuffle(items, 1));
    expect(seededShuffle(items, 1)).not.toEqual(seededShuffle(items, 2));
    expect([...seededShuffle(items, 1)].sort((a, b) => a - b)).toEqual(items);
  });

  it("generates the same churn file every time", () => {
    expect(churnCsv()).toBe(churnCsv());
    expect(churnRows(3)).toEqual(churnRows(3));
  });
});

describe("trainTree on the churn data", () => {
  const data = churnData();
  const trained = trainTree(data, { target: "churned", inputs: INPUTS });

  it("learns something real: better on the hold-out rows than always answering the common class", () => {
    expect(trained.payload.task).toBe("classification");
    expect(trained.payload.classes).toEqual(["no", "yes"]);
    expect(trained.trainRows + trained.testRows).toBe(500);
    expect(trained.testRows).toBe(100);
    expect(trained.metrics.holdoutAccuracy).toBeGreaterThan(trained.metrics.baselineAccuracy!);
    expect(trained.metrics.holdoutAccuracy).toBeGreaterThan(0.7);
  });

  it("is deterministic: the same data and seed give the same tree and score", () => {
    const again = trainTree(data, { target: "churned", inputs: INPUTS });
    expect(again.payload.display).toEqual(trained.payload.display);
    expect(again.metrics).toEqual(trained.metrics);
  });

  it("shows a readable tree: tests on the columns, leaves with a class, confidence and rows", () => {
    const root = trained.payload.display;
    expect(root.kind).toBe("split");
    if (root.kind !== "split") return;
    expect(root.test).toMatch(/^(membership_months|visits_per_week|age) < [\d.]+\?$|^plan is “\w+”\?$/);
    expect(root.samples).toBe(trained.trainRows);
    expect(leaves(root)).toBeLessThanOrEqual(16);
  });

  it("one-hot encodes the plan: one 0/1 feature per plan", () => {
    expect(trained.payload.features.filter((f) => f.category !== undefined).map((f) => f.category)).toEqual(["basic", "premium", "standard"]);
  });

  it("predicts churn for a rare visitor who just joined and not for a regular of years", () => {
    const risky = predictOne(trained.payload, { membership_months: "2", visits_per_week: "0.5", age: "30", plan: "basic" });
    const loyal = predictOne(trained.payload, { membership_months: "40", visits_per_week: "5", age: "30", plan: "premium" });
    expect(risky.prediction).toBe("yes");
    expect(loyal.prediction).toBe("no");
    expect(loyal.confidence).toBeGreaterThan(0.5);
    expect(loyal.confidence).toBeLessThanOrEqual(1);
  });

  it("survives a JSON round trip, as stored in the database", () => {
    const stored = JSON.parse(JSON.stringify(trained.payload));
    const input = { membership_months: "12", visits_per_week: "2", age: "44", plan: "standard" };
    expect(predictOne(stored, input)).toEqual(predictOne(trained.payload, input));
  });
});

describe("trainTree on a numeric target", () => {
  it("fits a regression tree and reports R² and mean absolute error on the hold-out rows", () => {
    const rows = Array.from({ length: 200 }, (_, i) => [String(i % 50), String((i % 50) * 2 + (i % 3))]);
    const columns = buildDataset(new TextEncoder().encode("x,y\n" + rows.map((r) => r.join(",")).join("\n")), "r.csv").metadata.columns;
    const trained = trainTree({ columns, rows }, { target: "y", inputs: ["x"] });
    expect(trained.payload.task).toBe("regression");
    expect(trained.metrics.r2).toBeGreaterThan(0.9);
    expect(Number(predictOne(trained.payload, { x: "40" }).prediction)).toBeGreaterThan(60);
    expect(predictOne(trained.payload, { x: "40" }).confidence).toBeNull();
  });
});
