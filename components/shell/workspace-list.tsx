"use client";

import Link from "next/link";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, useTransition } from "react";
import { QueryProvider } from "@/components/ui/query-provider";
import { setDefaultWorkspaceAction } from "@/lib/actions/default-workspace";

interface Workspace {
  id: string;
  slug: string;
  displayName: string;
  kind: "personal" | "team";
  role: string;
  isDefault: boolean;
}

const WORKSPACES_KEY = ["workspaces"] as const;

async function fetchWorkspaces(): Promise<Workspace[]> {
  const res = await fetch("/api/workspaces", { cache: "no-store" });
  if (!res.ok) throw new Error("Could not load your workspaces.");
  return (await res.json()).workspaces;
}

const SEARCH_THRESHOLD = 5;
const ROLE_NAMES: Record<string, string> = { owner: "owner", admin: "admin", member: "member", restricted: "restricted member" };

interface Props {
  id: string;
  current?: string;
  /** Told when a workspace link is followed, so the switcher closes. */
  onNavigate: () => void;
}

/** The switcher's open panel: loaded on demand by workspace-switcher.tsx. */
export default function WorkspaceList(props: Props) {
  return (
    <QueryProvider>
      <Panel {...props} />
    </QueryProvider>
  );
}

function Panel({ id, current, onNavigate }: Props) {
  const [filter, setFilter] = useState("");
  const [, startTransition] = useTransition();
  const queryClient = useQueryClient();
  const listRef = useRef<HTMLUListElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  // Membership changes happen on other pages and in other tabs: the panel mounts on every open,
  // so it refetches then (showing the cached list meanwhile), and on focus while it is open.
  const { data, isError } = useQuery({ queryKey: WORKSPACES_KEY, queryFn: fetchWorkspaces, staleTime: 0, refetchOnWindowFocus: true });
  const workspaces = data ?? [];
  const showSearch = workspaces.length > SEARCH_THRESHOLD;
  const loaded = data !== undefined;

  // Once the list is there (on a first open, after its fetch), focus goes to the search field, or
  // to the current workspace's entry.
  useEffect(() => {
    if (!loaded) return;
    if (searchRef.current) {
      searchRef.current.focus();
      return;
    }
    const links = Array.from(listRef.current?.querySelectorAll<HTMLAnchorElement>("a[data-workspace]") ?? []);
    (links.find((l) => l.getAttribute("aria-current") === "page") ?? links[0])?.focus();
  }, [loaded, showSearch]);

  const needle = filter.trim().toLowerCase();
  const shown = workspaces.filter((w) => !needle || w.slug.includes(needle) || w.displayName.toLowerCase().includes(needle));

  function star(w: Workspace) {
    startTransition(async () => {
      await setDefaultWorkspaceAction(null, { orgId: w.id });
      await queryClient.invalidateQueries({ queryKey: WORKSPACES_KEY });
    });
  }

  return (
    <div id={id} className="absolute left-0 z-30 mt-1 w-80 rounded-md border border-slate-200 bg-white p-2 shadow-lg">
      {isError ? <p role="alert" className="p-2 text-sm text-red-700">Could not load your workspaces.</p> : null}
      {showSearch ? (
        <div className="mb-2">
          <label htmlFor={`${id}-search`} className="block text-xs font-medium text-slate-600">Find a workspace</label>
          <input
            ref={searchRef}
            id={`${id}-search`}
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
              onClick={onNavigate}
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
  );
}
