import Link from "next/link";
import type { ReactNode } from "react";
import type { ResourceDetail } from "@/lib/data/resources";
import { KIND_LABELS } from "@/lib/resources/kinds";
import { CreatorLabel } from "./creator";
import { shortDate } from "./format";

export function ResourceHeader({ resource, sourceHref, children }: { resource: ResourceDetail; sourceHref: string | null; children?: ReactNode }) {
  return (
    <header className="space-y-1">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{KIND_LABELS[resource.kind].one}</p>
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h2 id="resource-heading" className="text-2xl font-semibold">{resource.name}</h2>
        {children}
      </div>
      {resource.description ? <p className="text-slate-700">{resource.description}</p> : null}
      <p className="text-sm text-slate-600">
        Created by <CreatorLabel creator={resource.creator} /> on <time dateTime={resource.createdAt.toISOString()}>{shortDate(resource.createdAt)}</time>
        {resource.updatedAt.getTime() - resource.createdAt.getTime() > 1000 ? <> · updated <time dateTime={resource.updatedAt.toISOString()}>{shortDate(resource.updatedAt)}</time></> : null}
        {resource.source ? (
          <>
            {" "}· made from{" "}
            {sourceHref ? <Link href={sourceHref}>{KIND_LABELS[resource.source.kind].one.toLowerCase()} “{resource.source.name}”</Link> : `a ${KIND_LABELS[resource.source.kind].one.toLowerCase()} in another project`}
          </>
        ) : null}
      </p>
    </header>
  );
}
