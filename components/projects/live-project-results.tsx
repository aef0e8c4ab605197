"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useRef } from "react";
import { QueryProvider } from "@/components/ui/query-provider";
import type { ProjectListPage } from "@/lib/data/projects";
import type { ProjectListParams } from "@/lib/validation/project-list";
import { narrows, sameFilters, toQueryString, type Filters } from "./list-filters";
import { ProjectResults } from "./project-results";

interface Props {
  workspace: string;
  filters: Filters;
  initialParams: ProjectListParams;
  initialPage: ProjectListPage;
  /** Mounted by a request for the next page: fetch it at once. */
  fetchNextOnMount: boolean;
}

/** The project list once it pages or filters: loaded on demand by project-list.tsx. */
export default function LiveProjectResults(props: Props) {
  return (
    <QueryProvider>
      <Pages {...props} />
    </QueryProvider>
  );
}

function Pages({ workspace, filters, initialParams, initialPage, fetchNextOnMount }: Props) {
  const query = useInfiniteQuery({
    queryKey: ["projects", workspace, toQueryString(filters)],
    queryFn: async ({ pageParam }): Promise<ProjectListPage> => {
      const res = await fetch(`/api/workspaces/${encodeURIComponent(workspace)}/projects?${toQueryString(filters, pageParam)}`, { cache: "no-store" });
      if (!res.ok) throw new Error("Could not load projects.");
      return res.json();
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    initialData: sameFilters(filters, initialParams) ? { pages: [initialPage], pageParams: [undefined] } : undefined,
  });
  const { data, hasNextPage, isFetchingNextPage, fetchNextPage, isError, isPending } = query;
  const nextPage = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  const asked = useRef(false);
  useEffect(() => {
    if (!fetchNextOnMount || asked.current) return;
    asked.current = true;
    nextPage();
  }, [fetchNextOnMount, nextPage]);

  return (
    <ProjectResults
      workspace={workspace}
      items={data?.pages.flatMap((p) => p.items) ?? []}
      filtered={narrows(filters)}
      hasNextPage={hasNextPage}
      isPending={isPending}
      isError={isError}
      isFetchingNextPage={isFetchingNextPage}
      fetchNextPage={nextPage}
    />
  );
}
