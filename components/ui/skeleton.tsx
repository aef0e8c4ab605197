import type { ReactNode } from "react";

/** Grey placeholders shown while a page's data loads, announced once to screen readers. */
function Block({ className }: { className: string }) {
  return <div aria-hidden className={`animate-pulse rounded bg-slate-200 ${className}`} />;
}

function Loading({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="status" className="space-y-4">
      <span className="sr-only">{label}</span>
      {children}
    </div>
  );
}

/** A leading bar (a heading or a filter bar), then `count` items of three bars each. */
function Placeholders({ label, head, count, list, item, widths }: {
  label: string; head: string; count: number; list: string; item: string; widths: [string, string, string];
}) {
  return (
    <Loading label={label}>
      <Block className={head} />
      <div className={list}>
        {Array.from({ length: count }, (_, i) => (
          <div key={i} className={item}>
            {widths.map((w) => <Block key={w} className={w} />)}
          </div>
        ))}
      </div>
    </Loading>
  );
}

/** For loading.tsx files of table pages. */
export function TableSkeleton({ label, rows = 5 }: { label: string; rows?: number }) {
  return (
    <Placeholders label={label} head="h-6 w-48" count={rows} list="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
      item="flex items-center gap-4 p-3" widths={["h-4 w-1/4", "h-4 w-1/6", "h-4 w-1/5"]} />
  );
}

/**
 * The workspace page's project list while it streams in: the filter bar and a row of cards.
 * A Suspense fallback inside the page, after its not-found check, so a missing workspace is
 * still answered 404.
 */
export function CardGridSkeleton({ label, cards = 3 }: { label: string; cards?: number }) {
  return (
    <Placeholders label={label} head="h-10 w-full" count={cards} list="grid gap-3 sm:grid-cols-2 lg:grid-cols-3"
      item="space-y-2 rounded-lg border border-slate-200 bg-white p-4" widths={["h-5 w-1/2", "h-3 w-3/4", "h-3 w-1/3"]} />
  );
}
