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

/** For loading.tsx files of table pages. */
export function TableSkeleton({ label, rows = 5 }: { label: string; rows?: number }) {
  return (
    <Loading label={label}>
      <Block className="h-6 w-48" />
      <div className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="flex items-center gap-4 p-3">
            <Block className="h-4 w-1/4" />
            <Block className="h-4 w-1/6" />
            <Block className="h-4 w-1/5" />
          </div>
        ))}
      </div>
    </Loading>
  );
}

/**
 * The workspace page's project list while it streams in: the filter bar and a row of cards.
 * A Suspense fallback inside the page, after its not-found check, so a missing workspace is
 * still answered 404.
 */
export function CardGridSkeleton({ label, cards = 3 }: { label: string; cards?: number }) {
  return (
    <Loading label={label}>
      <Block className="h-10 w-full" />
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {Array.from({ length: cards }, (_, i) => (
          <div key={i} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
            <Block className="h-5 w-1/2" />
            <Block className="h-3 w-3/4" />
            <Block className="h-3 w-1/3" />
          </div>
        ))}
      </div>
    </Loading>
  );
}
