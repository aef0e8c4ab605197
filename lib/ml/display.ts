import type { CartMatrix, CartNode } from "ml-cart";
import { featureLabel } from "./encode";
import type { DisplayNode, Feature, ModelInput, Task } from "./types";

export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(4)));
}

function leafOutput(node: CartNode, task: Task, classes: string[]): { prediction: string; confidence: number | null } {
  if (task === "regression") return { prediction: formatNumber(node.distribution as number), confidence: null };
  const shares = (node.distribution as CartMatrix).getRow(0);
  let best = 0;
  for (let i = 1; i < shares.length; i++) if (shares[i] > shares[best]) best = i;
  // Shares are sums of 1/n and can drift just past 1.
  return { prediction: classes[best], confidence: Math.min(1, shares[best]) };
}

/**
 * The trained tree as a person reads it, with how many training rows reached each node.
 * ml-cart sends a row left when `value < split`; for a 0/1 category column the split is 0.5,
 * so "yes, the row has that category" is the right branch.
 */
export function describeTree(
  root: CartNode, rows: number[][], ctx: { inputs: ModelInput[]; features: Feature[]; task: Task; classes: string[] },
): DisplayNode {
  const walk = (node: CartNode, reached: number[][]): DisplayNode => {
    if (!node.left || !node.right || node.splitColumn === undefined || node.splitValue === undefined) {
      return { kind: "leaf", ...leafOutput(node, ctx.task, ctx.classes), samples: reached.length };
    }
    const column = node.splitColumn;
    const value = node.splitValue;
    const less = reached.filter((r) => r[column] < value);
    const more = reached.filter((r) => !(r[column] < value));
    const feature = ctx.features[column];
    if (feature.category !== undefined) {
      return { kind: "split", test: `${featureLabel(ctx.inputs, feature)}?`, yes: walk(node.right, more), no: walk(node.left, less), samples: reached.length };
    }
    return { kind: "split", test: `${featureLabel(ctx.inputs, feature)} < ${formatNumber(value)}?`, yes: walk(node.left, less), no: walk(node.right, more), samples: reached.length };
  };
  return walk(root, rows);
}
