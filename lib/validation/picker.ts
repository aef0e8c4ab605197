import { CONTROL_CHARS } from "./text";

/** Longer than any username or name a picker could match. */
export const PICKER_QUERY_MAX = 64;

/**
 * A picker's typed text (`q`), trimmed; empty lists the first choices. Refused when longer than
 * any name: a 100,000-character `q` is a client error, not a search. A control character can be
 * in no name, so it matches nothing (and PostgreSQL, which refuses NUL, never sees it).
 */
export function pickerQuery(params: URLSearchParams): { ok: true; value: string } | { ok: false; error: string } {
  const raw = params.get("q") ?? "";
  if (raw.length > PICKER_QUERY_MAX) return { ok: false, error: `Type at most ${PICKER_QUERY_MAX} characters to search.` };
  return { ok: true, value: raw.replace(CONTROL_CHARS, "\uFFFD").trim() };
}
