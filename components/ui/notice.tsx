import type { ReactNode } from "react";

/** Why a control is missing or read-only: shown next to what the user cannot change. */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <p role="note" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      {children}
    </p>
  );
}

export function Section({ title, children, description }: { title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={`section-${title}`} className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div>
        <h2 id={`section-${title}`} className="text-lg font-semibold">{title}</h2>
        {description ? <p className="text-sm text-slate-600">{description}</p> : null}
      </div>
      {children}
    </section>
  );
}
