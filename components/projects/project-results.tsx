"use client";

import { useEffect, useRef } from "react";
import type { ProjectListItem } from "@/lib/data/projects";
import { ProjectCard } from "./project-card";

export interface ProjectResultsProps {
  workspace: string;
  items: ProjectListItem[];
  filtered: boolean;
  hasNextPage: boolean;
  isPending: boolean;
  isError: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
}

/** The project list's cards, its counts and messages, and the next page as it scrolls into view. */
export function ProjectResults({ workspace, items, filtered, hasNextPage, isPending, isError, isFetchingNextPage, fetchNextPage }: ProjectResultsProps) {
  const sentinel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasNextPage) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage) fetchNextPage();
    }, { rootMargin: "400px" });
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  return (
    <>
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
          <button type="button" onClick={fetchNextPage} disabled={isFetchingNextPage} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm hover:bg-slate-50">
            {isFetchingNextPage ? "Loading…" : "Load more projects"}
          </button>
        </div>
      ) : null}
    </>
  );
}
