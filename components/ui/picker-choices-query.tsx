"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { QueryProvider } from "./query-provider";
import type { Choice, ChoicesResult } from "./picker-choices";

interface Props {
  /** The JSON route answering `?q=` with `{ choices }`. */
  searchUrl: string;
  q: string;
  onResult: (result: ChoicesResult) => void;
}

async function fetchChoices(url: string, q: string, signal: AbortSignal): Promise<Choice[]> {
  const res = await fetch(`${url}?${new URLSearchParams({ q })}`, { signal, cache: "no-store" });
  const body = (await res.json().catch(() => ({}))) as { choices?: Choice[]; error?: string };
  if (!res.ok || !body.choices) throw new Error(body.error ?? "Could not search.");
  return body.choices;
}

/** A search picker's query, loaded on demand by search-picker.tsx: it renders nothing, it reports. */
export default function PickerChoicesQuery(props: Props) {
  return (
    <QueryProvider>
      <Search {...props} />
    </QueryProvider>
  );
}

// Mounted while the picker's list is open, so it searches only then; the matches stay cached in
// the shared client for the next open.
function Search({ searchUrl, q, onResult }: Props) {
  const { data, isError, isFetching } = useQuery({
    queryKey: ["picker", searchUrl, q],
    queryFn: ({ signal }) => fetchChoices(searchUrl, q, signal),
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });
  useEffect(() => onResult({ data, isError, isFetching }), [data, isError, isFetching, onResult]);
  return null;
}
