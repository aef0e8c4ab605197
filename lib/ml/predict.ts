import { DecisionTreeClassifier, DecisionTreeRegression, type CartMatrix } from "ml-cart";
import { isNumberCell } from "@/lib/csv/infer";
import { formatNumber } from "./display";
import { encodeRow } from "./encode";
import { TrainError } from "./errors";
import type { ModelPayload, PredictionOutput } from "./types";

/** The form's values checked against the model's inputs: numbers must be numbers, categories known ones. */
export function checkInputValues(model: ModelPayload, values: Record<string, string>): string[] {
  return model.inputs.map((input, i) => {
    const value = (values[input.name] ?? "").trim();
    if (input.type === "number") {
      if (value === "") throw new TrainError(`x${i}`, `Enter a number for “${input.name}”.`);
      if (!isNumberCell(value)) throw new TrainError(`x${i}`, `“${input.name}” must be a number.`);
      return value;
    }
    if (!input.categories?.includes(value)) {
      throw new TrainError(`x${i}`, `Choose one of the values “${input.name}” had in training: ${input.categories?.join(", ")}.`);
    }
    return value;
  });
}

/** One prediction from the stored tree, reloaded through ml-cart itself. */
export function predictOne(model: ModelPayload, values: Record<string, string>): PredictionOutput {
  const row = encodeRow(model.inputs, model.features, checkInputValues(model, values));
  if (model.task === "regression") {
    const tree = DecisionTreeRegression.load(model.tree);
    return { prediction: formatNumber(tree.predict([row])[0]), confidence: null };
  }
  const tree = DecisionTreeClassifier.load(model.tree);
  const shares = (tree.root.classify(row) as CartMatrix).getRow(0);
  const best = tree.predict([row])[0];
  return { prediction: model.classes[best], confidence: Math.min(1, shares[best] ?? 0) };
}
