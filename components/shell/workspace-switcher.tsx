"use client";

import dynamic from "next/dynamic";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";

// The list, and TanStack Query with it, loads on the first open (or as the pointer or focus
// reaches the trigger, so it is there by the click): every signed-in page shows this trigger,
// and most visits never open it.
const loadList = () => import("./workspace-list");
const WorkspaceList = dynamic(loadList, { ssr: false });

/** The header's workspace menu: `currentName` comes from the server, so the trigger needs no fetch. */
export function WorkspaceSwitcher({ current, currentName }: { current?: string; currentName?: string }) {
  const [open, setOpen] = useState(false);
  const panelRef = useRef<HTMLDivElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const listId = useId();

  useEffect(() => {
    if (!open) return;
    const onClick = (e: MouseEvent) => !panelRef.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener("mousedown", onClick);
    return () => document.removeEventListener("mousedown", onClick);
  }, [open]);

  function listLinks(): HTMLAnchorElement[] {
    return Array.from(panelRef.current?.querySelectorAll<HTMLAnchorElement>("a[data-workspace]") ?? []);
  }

  function close() {
    setOpen(false);
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
      const search = panelRef.current?.querySelector<HTMLInputElement>("input[type=search]");
      if (at <= 0 && search) {
        search.focus();
        return;
      }
      next = Math.max(at - 1, 0);
    }
    if (e.key === "End") next = links.length - 1;
    links[next].focus();
  }

  return (
    <div className="relative" ref={panelRef} onKeyDown={open ? onPanelKeyDown : undefined}>
      <button
        ref={triggerRef}
        type="button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        onPointerEnter={() => void loadList()}
        onFocus={() => void loadList()}
        onClick={() => (open ? close() : setOpen(true))}
        onKeyDown={(e) => {
          if (!open && e.key === "ArrowDown") {
            e.preventDefault();
            setOpen(true);
          }
        }}
        className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm font-medium hover:bg-slate-50"
      >
        <span className="sr-only">Switch workspace, current: </span>
        {currentName ?? current ?? "Workspaces"} ▾
      </button>
      {open ? <WorkspaceList id={listId} current={current} onNavigate={() => setOpen(false)} /> : null}
    </div>
  );
}
