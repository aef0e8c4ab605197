"use client";

import Link from "next/link";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, useTransition } from "react";
import { setDefaultWorkspaceAction } from "@/lib/actions/default-workspace";

interface Workspace {
  id: string;
  slug: string;
  displayName: string;
  kind: "personal" | "team";
  role: string;
  isDefault: boolean;
}

export const WORKSPACES_KEY = ["workspaces"] as const;

async function fetchWorkspaces(): Promise<Workspace[]> {
  const res = await fetch("/api/workspaces", { cache: "no-store" });
  if (!res.ok) throw new Error("Could not load your workspaces.");
  return (await res.json()).workspaces;
}

const SEARCH_THRESHOLD = 5;

export function WorkspaceSwitcher({ current }: { current?: string }) {
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState("");
  const [, startTransition] = useTransition();
  const queryClient = useQueryClient();
  const panelRef = useRef<HTMLDivElement>(null);
  const listId = useId();
  const { data, isError } = useQuery({ queryKey: WORKSPACES_KEY, queryFn: fetchWorkspaces });

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    const onClick = (e: MouseEvent) => !panelRef.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);

  const workspaces = data ?? [];
  const active = workspaces.find((w) => w.slug === current);
  const shown = workspaces.filter(
    (w) => !filter || w.slug.includes(filter.toLowerCase()) || w.displayName.toLowerCase().includes(filter.toLowerCase()),
  );

  function star(w: Workspace) {
    startTransition(async () => {
      await setDefaultWorkspaceAction(null, { orgId: w.id });
      await queryClient.invalidateQueries({ queryKey: WORKSPACES_KEY });
    });
  }

  return (
    <div className="relative" ref={panelRef}>
      <button
        type="button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((o) => !o)}
        className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm font-medium hover:bg-slate-50"
      >
        <span className="sr-only">Switch workspace, current: </span>
        {active?.displayName ?? current ?? "Workspaces"} ▾
      </button>
      {open ? (
        <div id={listId} className="absolute left-0 z-30 mt-1 w-80 rounded-md border border-slate-200 bg-white p-2 shadow-lg">
          {isError ? <p role="alert" className="p-2 text-sm text-red-700">Could not load your workspaces.</p> : null}
          {workspaces.length > SEARCH_THRESHOLD ? (
            <div className="mb-2">
              <label htmlFor={`${listId}-search`} className="block text-xs font-medium text-slate-600">Find a workspace</label>
              <input
                id={`${listId}-search`}
                autoFocus
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
                className="mt-1 w-full rounded border border-slate-300 px-2 py-1 text-sm"
              />
            </div>
          ) : null}
          <ul aria-label="Workspaces" className="max-h-80 overflow-y-auto">
            {shown.map((w) => (
              <li key={w.id} className="flex items-center justify-between gap-2 rounded px-2 py-1 hover:bg-slate-50">
                <Link
                  href={`/${w.slug}`}
                  onClick={() => setOpen(false)}
                  aria-current={w.slug === current ? "page" : undefined}
                  className="flex-1 truncate text-sm text-slate-800 hover:no-underline"
                >
                  <span className="font-medium">{w.displayName}</span>{" "}
                  <span className="text-xs text-slate-500">{w.kind === "personal" ? "personal" : w.role}</span>
                </Link>
                <button
                  type="button"
                  onClick={() => star(w)}
                  aria-pressed={w.isDefault}
                  aria-label={w.isDefault ? `${w.displayName} is your default workspace` : `Make ${w.displayName} your default workspace`}
                  title={w.isDefault ? "Default workspace" : "Make default"}
                  className={`text-lg leading-none ${w.isDefault ? "text-amber-500" : "text-slate-300 hover:text-amber-400"}`}
                >
                  {w.isDefault ? "★" : "☆"}
                </button>
              </li>
            ))}
            {shown.length === 0 && data ? <li className="p-2 text-sm text-slate-500">No workspace matches.</li> : null}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
