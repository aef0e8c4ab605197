/** Grey placeholder rows shown while a page's data loads (loading.tsx), announced once to screen readers. */
function Block({ className }: { className: string }) {
  return <div aria-hidden className={`animate-pulse rounded bg-slate-200 ${className}`} />;
}

export function TableSkeleton({ label, rows = 5 }: { label: string; rows?: number }) {
  return (
    <div role="status" className="space-y-4">
      <span className="sr-only">{label}</span>
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
    </div>
  );
}
