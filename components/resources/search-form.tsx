import { KIND_LABELS, RESOURCE_KINDS } from "@/lib/resources/kinds";
import { linkButton } from "@/components/ui/button-styles";

/** A plain GET form: the search lives in the URL, so a filtered view can be shared or reloaded. */
export function ResourceSearch({ q, kind }: { q: string; kind: string }) {
  return (
    <form role="search" aria-label="Search resources" method="get" className="flex flex-wrap items-end gap-2">
      <div className="space-y-1">
        <label htmlFor="resource-q" className="block text-sm font-medium text-slate-700">Search resources</label>
        <input id="resource-q" name="q" type="search" defaultValue={q} placeholder="Name or description" className="block w-64 rounded-md border border-slate-300 px-3 py-2 text-sm" />
      </div>
      <div className="space-y-1">
        <label htmlFor="resource-kind" className="block text-sm font-medium text-slate-700">Kind</label>
        <select id="resource-kind" name="kind" defaultValue={kind} className="block rounded-md border border-slate-300 px-3 py-2 text-sm">
          <option value="">All kinds</option>
          {RESOURCE_KINDS.map((k) => (
            <option key={k} value={k}>{KIND_LABELS[k].many}</option>
          ))}
        </select>
      </div>
      <button type="submit" className={linkButton.secondary}>Search</button>
    </form>
  );
}
