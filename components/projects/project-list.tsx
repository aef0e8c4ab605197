"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { lazy, Suspense, useEffect, useState } from "react";
import type { ProjectListPage } from "@/lib/data/projects";
import type { ProjectListParams } from "@/lib/validation/project-list";
import { filtersFrom, narrows, sameFilters, toQueryString, type Filters } from "./list-filters";
import { VISIBILITY_LABELS } from "./project-card";
import { ProjectResults } from "./project-results";

// Paging and filtering, and TanStack Query with them, load when first asked for (or as the
// pointer or focus reaches the filters): the first page comes rendered by the server, and many
// visits only read it.
const loadLive = () => import("./live-project-results");
const LiveProjectResults = lazy(loadLive);

interface Props {
  workspace: string;
  tags: string[];
  initialParams: ProjectListParams;
  initialPage: ProjectListPage;
}

/** The project list: filters live in the URL (shareable), pages come from the route handler. */
export function ProjectList({ workspace, tags, initialParams, initialPage }: Props) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filters = filtersFrom(searchParams);
  const [q, setQ] = useState(filters.q ?? "");
  const [wantsMore, setWantsMore] = useState(false);

  function setFilters(next: Filters) {
    const qs = toQueryString(next);
    // The native history API keeps Next's router in sync without re-rendering the page on the server.
    window.history.replaceState(null, "", qs ? `${pathname}?${qs}` : pathname);
  }

  // Typing waits for a pause before it becomes a query.
  useEffect(() => {
    const current = filtersFrom(new URLSearchParams(window.location.search));
    if ((current.q ?? "") === q.trim()) return;
    const t = setTimeout(() => setFilters({ ...current, q: q.trim() || undefined }), 300);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q]);

  const isInitial = sameFilters(filters, initialParams);
  // The server's page stands in until the live results are asked for and loaded (other filters
  // than the server's show as loading meanwhile).
  const serverResults = (
    <ProjectResults
      workspace={workspace}
      items={isInitial ? initialPage.items : []}
      filtered={narrows(filters)}
      hasNextPage={isInitial && !!initialPage.nextCursor}
      isPending={!isInitial}
      isError={false}
      isFetchingNextPage={wantsMore}
      fetchNextPage={() => setWantsMore(true)}
    />
  );

  return (
    <div className="space-y-4">
      <form
        role="search"
        aria-label="Filter projects"
        className="grid gap-3 sm:grid-cols-4"
        onSubmit={(e) => e.preventDefault()}
        onPointerEnter={() => void loadLive()}
        onFocus={() => void loadLive()}
      >
        <div className="space-y-1">
          <label htmlFor="projects-q" className="block text-sm font-medium text-slate-700">Search by name</label>
          <input id="projects-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
        </div>
        <div className="space-y-1">
          <label htmlFor="projects-tag" className="block text-sm font-medium text-slate-700">Tag</label>
          <select id="projects-tag" value={filters.tag ?? ""} onChange={(e) => setFilters({ ...filters, tag: e.target.value || undefined })} className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm">
            <option value="">Any tag</option>
            {tags.map((t) => <option key={t} value={t}>{t}</option>)}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="projects-visibility" className="block text-sm font-medium text-slate-700">Visibility</label>
          <select id="projects-visibility" value={filters.visibility ?? ""} onChange={(e) => setFilters({ ...filters, visibility: (e.target.value || undefined) as Filters["visibility"] })} className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm">
            <option value="">Any visibility</option>
            {(["private", "organization", "public"] as const).map((v) => <option key={v} value={v}>{VISIBILITY_LABELS[v]}</option>)}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="projects-sort" className="block text-sm font-medium text-slate-700">Sort by</label>
          <select id="projects-sort" value={filters.sort ?? "name"} onChange={(e) => setFilters({ ...filters, sort: e.target.value === "updated" ? "updated" : undefined })} className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm">
            <option value="name">Name</option>
            <option value="updated">Last update</option>
          </select>
        </div>
      </form>

      {wantsMore || !isInitial ? (
        <Suspense fallback={serverResults}>
          <LiveProjectResults workspace={workspace} filters={filters} initialParams={initialParams} initialPage={initialPage} fetchNextOnMount={wantsMore} />
        </Suspense>
      ) : (
        serverResults
      )}
    </div>
  );
}
