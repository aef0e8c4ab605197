import type { ProjectListParams } from "@/lib/validation/project-list";

/** The project list's filters, as its URL carries them. */
export type Filters = Omit<ProjectListParams, "cursor">;

export function filtersFrom(search: URLSearchParams): Filters {
  const visibility = search.get("visibility");
  const sort = search.get("sort");
  return {
    q: search.get("q") || undefined,
    tag: search.get("tag") || undefined,
    visibility: visibility === "private" || visibility === "organization" || visibility === "public" ? visibility : undefined,
    sort: sort === "updated" || sort === "name" ? sort : undefined,
  };
}

export function toQueryString(f: Filters, cursor?: string): string {
  const qs = new URLSearchParams();
  if (f.q) qs.set("q", f.q);
  if (f.tag) qs.set("tag", f.tag);
  if (f.visibility) qs.set("visibility", f.visibility);
  if (f.sort) qs.set("sort", f.sort);
  if (cursor) qs.set("cursor", cursor);
  return qs.toString();
}

export const sameFilters = (a: Filters, b: Filters) => toQueryString(a) === toQueryString(b);

/** Whether the filters narrow the list (sorting alone does not): the messages say "match" then. */
export const narrows = (f: Filters) => !!(f.q || f.tag || f.visibility);
