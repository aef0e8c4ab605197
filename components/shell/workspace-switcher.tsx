"use client";

import Link from "next/link";
import { useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, useTransition, type KeyboardEvent } from "react";
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

/** Call after anything that changes the user's organizations (create, join, leave) to redraw the switcher. */
export function refreshWorkspaces(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: WORKSPACES_KEY });
}

async function fetchWorkspaces(): Promise<Workspace[]> {
  const res = await fetch("/api/workspaces", { cache: "no-store" });
  if (!res.ok) throw new Error("Could not load your workspaces.");
  return (await res.json()).workspaces;
}

const SEARCH_THRESHOLD = 5;
const ROLE_NAMES: Record<string, string> = { owner: "owner", admin: "admin", member: "member", restricted: "restricted member" };

export function WorkspaceSwitcher({ current }: { current?: string }) {
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState("");
  const [, startTransition] = useTransition();
  const queryClient = useQueryClient();
  const panelRef = useRef<HTMLDivElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  // Membership changes happen on other pages and in other tabs: refetch on focus and on every open.
  const { data, isError, refetch } = useQuery({ queryKey: WORKSPACES_KEY, queryFn: fetchWorkspaces, staleTime: 0, refetchOnWindowFocus: true });

  // Creating, joining or leaving an organization ends on another workspace's page.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    void refreshWorkspaces(queryClient);
  }, [current, queryClient]);

  const workspaces = data ?? [];
  const showSearch = workspaces.length > SEARCH_THRESHOLD;

  useEffect(() => {
    if (!open) return;
    const onClick = (e: MouseEvent) => !panelRef.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener("mousedown", onClick);
    return () => document.removeEventListener("mousedown", onClick);
  }, [open]);

  // On open, focus goes to the search field, or to the current workspace's entry.
  useEffect(() => {
    if (!open) return;
    if (searchRef.current) {
      searchRef.current.focus();
      return;
    }
    const links = listLinks();
    (links.find((l) => l.getAttribute("aria-current") === "page") ?? links[0])?.focus();
  }, [open, showSearch]);

  function listLinks(): HTMLAnchorElement[] {
    return Array.from(listRef.current?.querySelectorAll<HTMLAnchorElement>("a[data-workspace]") ?? []);
  }

  function close() {
    setOpen(false);
    setFilter("");
    triggerRef.current?.focus();
  }

  function onPanelKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key === "Escape") {
      e.preventDefault();
      close();
      return;
    }
    if (!["ArrowDown", "ArrowUp", "Home", "End"].includes(e.key)) return;
    const links = listLinks();
    if (!links.length) return;
    e.preventDefault();
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    let next = 0;
    if (e.key === "ArrowDown") next = at < 0 ? 0 : Math.min(at + 1, links.length - 1);
    if (e.key === "ArrowUp") {
      if (at <= 0 && searchRef.current) {
        searchRef.current.focus();
        return;
      }
      next = Math.max(at - 1, 0);
    }
    if (e.key === "End") next = links.length - 1;
    links[next].focus();
  }

  const needle = filter.trim().toLowerCase();
  const shown = workspaces.filter((w) => !needle || w.slug.includes(needle) || w.displayName.toLowerCase().includes(needle));
  const active = workspaces.find((w) => w.slug === current);

  function star(w: Workspace) {
    startTransition(async () => {
      await setDefaultWorkspaceAction(null, { orgId: w.id });
      await refreshWorkspaces(queryClient);
    });
  }

  return (
    <div className="relative" ref={panelRef} onKeyDown={open ? onPanelKeyDown : undefined}>
      <button
        ref={triggerRef}
        type="button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        onClick={() => {
          if (open) return close();
          setOpen(true);
          void refetch();
        }}
        onKeyDown={(e) => {
          if (!open && e.key === "ArrowDown") {
            e.preventDefault();
            setOpen(true);
          }
        }}
        className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm font-medium hover:bg-slate-50"
      >
        <span className="sr-only">Switch workspace, current: </span>
        {active?.displayName ?? current ?? "Workspaces"} ▾
      </button>
      {open ? (
        <div id={listId} className="absolute left-0 z-30 mt-1 w-80 rounded-md border border-slate-200 bg-white p-2 shadow-lg">
          {isError ? <p role="alert" className="p-2 text-sm text-red-700">Could not load your workspaces.</p> : null}
          {showSearch ? (
            <div className="mb-2">
              <label htmlFor={`${listId}-search`} className="block text-xs font-medium text-slate-600">Find a workspace</label>
              <input
                ref={searchRef}
                id={`${listId}-search`}
                type="search"
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
                className="mt-1 w-full rounded border border-slate-300 px-2 py-1 text-sm"
              />
            </div>
          ) : null}
          <p className="px-2 pb-1 text-xs text-slate-500">Arrow keys move, Enter opens, Esc closes; the star sets the workspace opened after sign-in.</p>
          <ul ref={listRef} aria-label="Workspaces" className="max-h-80 overflow-y-auto">
            {shown.map((w) => (
              <li key={w.id} className="flex items-center justify-between gap-2 rounded px-2 py-1 focus-within:bg-indigo-50 hover:bg-slate-50">
                <Link
                  href={`/${w.slug}`}
                  data-workspace={w.slug}
                  onClick={() => {
                    setOpen(false);
                    setFilter("");
                  }}
                  aria-current={w.slug === current ? "page" : undefined}
                  className="flex-1 truncate rounded text-sm text-slate-800 hover:no-underline focus:outline-2 focus:outline-indigo-500"
                >
                  <span className="font-medium">{w.displayName}</span>{" "}
                  <span className="text-xs text-slate-500">{w.kind === "personal" ? "personal" : ROLE_NAMES[w.role] ?? w.role}</span>
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
