import type { ColumnInfo } from "@/lib/csv/infer";
import { isNumberCell } from "@/lib/csv/infer";
import { TrainError } from "./errors";
import type { Feature, ModelInput } from "./types";

export const MAX_CATEGORIES = 30;
const TRUTHY = new Set(["true", "yes", "y"]);

/**
 * How each chosen column becomes numbers for the tree: numbers stay numbers (a missing one
 * reads as the training mean), categories become one 0/1 column each, so a split reads as
 * "plan is premium" rather than an ordering of category codes that means nothing.
 */
export function planInputs(columns: ColumnInfo[], inputNames: string[], trainRows: string[][]): { inputs: ModelInput[]; features: Feature[] } {
  const inputs: ModelInput[] = [];
  const features: Feature[] = [];
  inputNames.forEach((name, i) => {
    const index = columns.findIndex((c) => c.name === name);
    const column = columns[index];
    const cells = trainRows.map((r) => r[index]).filter((c) => c !== "");
    if (column.type === "number") {
      const numbers = cells.map(Number);
      const fill = numbers.length ? numbers.reduce((a, b) => a + b, 0) / numbers.length : 0;
      inputs.push({ name, type: "number", fill });
      features.push({ input: i });
      return;
    }
    const categories = [...new Set(cells)].sort();
    if (categories.length > MAX_CATEGORIES) {
      throw new TrainError("inputs", `The column “${name}” has ${categories.length} different values; a text input can have at most ${MAX_CATEGORIES}. Leave it out.`);
    }
    inputs.push({ name, type: column.type, categories });
    if (column.type === "boolean") {
      features.push({ input: i, category: categories.find((c) => TRUTHY.has(c.toLowerCase())) ?? categories[0] });
    } else {
      for (const category of categories) features.push({ input: i, category });
    }
  });
  return { inputs, features };
}

export function encodeRow(inputs: ModelInput[], features: Feature[], values: string[]): number[] {
  return features.map((f) => {
    const value = values[f.input] ?? "";
    if (f.category !== undefined) return value === f.category ? 1 : 0;
    return value === "" || !isNumberCell(value) ? (inputs[f.input].fill ?? 0) : Number(value);
  });
}

export function featureLabel(inputs: ModelInput[], feature: Feature): string {
  const name = inputs[feature.input].name;
  return feature.category === undefined ? name : `${name} is “${feature.category}”`;
}
