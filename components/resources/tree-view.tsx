import type { DisplayNode } from "@/lib/ml/types";
import { percent } from "./format";

function Node({ node, branch }: { node: DisplayNode; branch?: "yes" | "no" }) {
  const label = branch ? <span className="mr-1 font-medium text-slate-500">{branch}:</span> : null;
  if (node.kind === "leaf") {
    return (
      <li className="py-0.5">
        {label}
        <span className="rounded bg-indigo-50 px-1.5 py-0.5 text-indigo-900">
          predict <strong>{node.prediction}</strong>
          {node.confidence !== null ? ` (${percent(node.confidence)})` : ""}
        </span>{" "}
        <span className="text-xs text-slate-500">{node.samples} training rows</span>
      </li>
    );
  }
  return (
    <li className="py-0.5">
      {label}
      <span className="font-mono">{node.test}</span> <span className="text-xs text-slate-500">{node.samples} rows</span>
      <ul className="ml-5 border-l border-slate-200 pl-3">
        <Node node={node.yes} branch="yes" />
        <Node node={node.no} branch="no" />
      </ul>
    </li>
  );
}

/** The decision tree as nested questions: what the model learned, readable without tooling. */
export function TreeView({ root }: { root: DisplayNode }) {
  return (
    <ul aria-label="Decision tree" className="text-sm">
      <Node node={root} />
    </ul>
  );
}
