import Link from "next/link";
import type { ResourceListItem } from "@/lib/data/resources";
import { KIND_LABELS, RESOURCE_KINDS, resourcePath, type ResourceKind } from "@/lib/resources/kinds";
import { CreatorLabel } from "./creator";
import { shortDate } from "./format";
import { summarize } from "./summary";

interface Props {
  orgSlug: string;
  projectSlug: string;
  groups: Record<ResourceKind, ResourceListItem[]>;
  kinds?: readonly ResourceKind[];
  searching: boolean;
}

/** The project's resources, one section per kind, each entry with what it is and who made it. */
export function ResourceList({ orgSlug, projectSlug, groups, kinds = RESOURCE_KINDS, searching }: Props) {
  const total = kinds.reduce((n, k) => n + groups[k].length, 0);
  if (total === 0) {
    return (
      <p className="rounded-md border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">
        {searching ? "No resources match this search." : "No resources in this project yet."}
      </p>
    );
  }
  return (
    <div className="space-y-6">
      {kinds.map((kind) => {
        const items = groups[kind];
        if (items.length === 0) return null;
        const headingId = `kind-${kind}`;
        return (
          <section key={kind} aria-labelledby={headingId} className="space-y-2">
            <h3 id={headingId} className="text-base font-semibold">
              {KIND_LABELS[kind].many} <span className="text-sm font-normal text-slate-500">({items.length})</span>
            </h3>
            <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
              {items.map((r) => (
                <li key={r.id} className="flex flex-col gap-1 px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
                  <div className="min-w-0">
                    <Link href={resourcePath(orgSlug, projectSlug, r.id)} className="font-medium">{r.name}</Link>
                    <p className="text-sm text-slate-600">{summarize(kind, r.metadata)}</p>
                  </div>
                  <p className="shrink-0 text-xs text-slate-500">
                    by <CreatorLabel creator={r.creator} /> · <time dateTime={r.createdAt.toISOString()}>{shortDate(r.createdAt)}</time>
                  </p>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
