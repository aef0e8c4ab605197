"use client";

import dynamic from "next/dynamic";
import { useEffect, useId, useState, type KeyboardEvent } from "react";
import type { Choice, ChoicesResult } from "./picker-choices";

export type { Choice } from "./picker-choices";

// The search, and TanStack Query with it, loads when the picker is first opened: pages with a
// picker show it to everyone, and most visits never type in it.
const ChoicesQuery = dynamic(() => import("./picker-choices-query"), { ssr: false });
const SEARCHING: ChoicesResult = { data: undefined, isError: false, isFetching: true };

interface Props {
  /** The text input's id, for its visible label. */
  id: string;
  label: string;
  /** The form field the chosen id is submitted as. */
  name: string;
  /** The JSON route answering `?q=` with `{ choices }`. */
  searchUrl: string;
  disabled?: boolean;
  describedBy?: string;
  /** Told of each choice, and of null when typing forgets it. */
  onChoose?: (choice: Choice | null) => void;
}

const label = (c: Choice) => (c.name ? `${c.username} (${c.name})` : c.username);

/**
 * A search-as-you-type combobox (WAI-ARIA combobox with a listbox popup): the list holds the
 * server's few matches for what is typed, never every row of an organization. The chosen id is
 * what the form submits; typing again forgets it, so a half-typed name never submits someone.
 */
export function SearchPicker({ id, label: text, name, searchUrl, disabled, describedBy, onChoose }: Props) {
  const [input, setInput] = useState("");
  const [q, setQ] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [chosen, setChosen] = useState<Choice | null>(null);
  const listId = useId();
  // One request per pause in typing, not per keystroke.
  useEffect(() => {
    const timer = setTimeout(() => setQ(input.trim()), 150);
    return () => clearTimeout(timer);
  }, [input]);
  const [{ data, isError, isFetching }, setResult] = useState(SEARCHING);
  const expanded = open && !disabled;
  const choices = data ?? [];
  const activeChoice = expanded && active >= 0 ? choices[active] : undefined;

  const choose = (c: Choice) => {
    setChosen(c);
    onChoose?.(c);
    setInput(c.username);
    setOpen(false);
    setActive(-1);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setOpen(true);
      if (!choices.length) return;
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (i + step + choices.length) % choices.length);
    } else if (e.key === "Enter" && expanded) {
      // Enter picks from the open list; it submits the form only once the list is closed.
      e.preventDefault();
      const pick = activeChoice ?? (choices.length === 1 ? choices[0] : undefined);
      if (pick) choose(pick);
    } else if (e.key === "Escape" && expanded) {
      e.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  };

  return (
    <div className="relative space-y-1">
      {expanded ? <ChoicesQuery searchUrl={searchUrl} q={q} onResult={setResult} /> : null}
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">{text}</label>
      <input type="hidden" name={name} value={chosen?.id ?? ""} />
      <input
        id={id}
        type="text"
        role="combobox"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeChoice ? `${listId}-${activeChoice.id}` : undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        disabled={disabled}
        value={input}
        placeholder="Type a username or name"
        onChange={(e) => {
          setInput(e.target.value);
          setChosen(null);
          onChoose?.(null);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        className="w-64 rounded-md border border-slate-300 px-3 py-2 text-sm"
      />
      <ul
        id={listId}
        role="listbox"
        aria-label="Matching people"
        hidden={!expanded}
        className="absolute z-10 max-h-64 w-64 overflow-auto rounded-md border border-slate-300 bg-white text-sm shadow"
      >
        {choices.map((c, i) => (
          <li
            key={c.id}
            id={`${listId}-${c.id}`}
            role="option"
            aria-selected={i === active}
            // mousedown, not click: the input's blur would close the list before a click lands.
            onMouseDown={(e) => {
              e.preventDefault();
              choose(c);
            }}
            className={`cursor-pointer px-3 py-1 ${i === active ? "bg-slate-200" : ""}`}
          >
            {label(c)}
          </li>
        ))}
      </ul>
      <p aria-live="polite" className="sr-only">
        {expanded ? (isError ? "Could not search." : isFetching && !data ? "Searching…" : `${choices.length} match${choices.length === 1 ? "" : "es"}`) : ""}
      </p>
    </div>
  );
}
