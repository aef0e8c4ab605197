"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { ProjectListPage } from "@/lib/data/projects";
import type { ProjectListParams } from "@/lib/validation/project-list";
import { ProjectCard, VISIBILITY_LABELS } from "./project-card";

interface Props {
  workspace: string;
  tags: string[];
  initialParams: ProjectListParams;
  initialPage: ProjectListPage;
}

type Filters = Omit<ProjectListParams, "cursor">;

function filtersFrom(search: URLSearchParams): Filters {
  const visibility = search.get("visibility");
  const sort = search.get("sort");
  return {
    q: search.get("q") || undefined,
    tag: search.get("tag") || undefined,
    visibility: visibility === "private" || visibility === "organization" || visibility === "public" ? visibility : undefined,
    sort: sort === "updated" || sort === "name" ? sort : undefined,
  };
}

function toQueryString(f: Filters, cursor?: string): string {
  const qs = new URLSearchParams();
  if (f.q) qs.set("q", f.q);
  if (f.tag) qs.set("tag", f.tag);
  if (f.visibility) qs.set("visibility", f.visibility);
  if (f.sort) qs.set("sort", f.sort);
  if (cursor) qs.set("cursor", cursor);
  return qs.toString();
}

const same = (a: Filters, b: Filters) => toQueryString(a) === toQueryString(b);

/** The project list: filters live in the URL (shareable), pages come from the route handler. */
export function ProjectList({ workspace, tags, initialParams, initialPage }: Props) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filters = filtersFrom(searchParams);
  const [q, setQ] = useState(filters.q ?? "");
  const sentinel = useRef<HTMLDivElement>(null);

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

  const query = useInfiniteQuery({
    queryKey: ["projects", workspace, toQueryString(filters)],
    queryFn: async ({ pageParam }): Promise<ProjectListPage> => {
      const res = await fetch(`/api/workspaces/${encodeURIComponent(workspace)}/projects?${toQueryString(filters, pageParam)}`, { cache: "no-store" });
      if (!res.ok) throw new Error("Could not load projects.");
      return res.json();
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    initialData: same(filters, initialParams) ? { pages: [initialPage], pageParams: [undefined] } : undefined,
  });
  const { data, hasNextPage, isFetchingNextPage, fetchNextPage, isError, isPending } = query;

  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasNextPage) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
    }, { rootMargin: "400px" });
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const items = data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = !!(filters.q || filters.tag || filters.visibility);

  return (
    <div className="space-y-4">
      <form role="search" aria-label="Filter projects" className="grid gap-3 sm:grid-cols-4" onSubmit={(e) => e.preventDefault()}>
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

      <p role="status" className="text-sm text-slate-600">
        {isPending ? "Loading projects…" : isError ? "" : `${items.length}${hasNextPage ? "+" : ""} project${items.length === 1 ? "" : "s"}${filtered ? " match" : ""}`}
      </p>
      {isError ? <p role="alert" className="text-sm text-red-700">Could not load projects. Try again.</p> : null}

      {!isPending && items.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">
          {filtered ? "No project matches these filters." : "No projects you can see here yet."}
        </p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label="Projects">
          {items.map((p) => (
            <li key={p.id}>
              <ProjectCard workspace={workspace} project={p} />
            </li>
          ))}
        </ul>
      )}
      {hasNextPage ? (
        <div ref={sentinel} className="flex justify-center">
          <button type="button" onClick={() => fetchNextPage()} disabled={isFetchingNextPage} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm hover:bg-slate-50">
            {isFetchingNextPage ? "Loading…" : "Load more projects"}
          </button>
        </div>
      ) : null}
    </div>
  );
}
