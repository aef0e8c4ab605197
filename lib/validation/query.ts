import { CONTROL_CHARS } from "./text";

export type SearchParamsSource = URLSearchParams | Record<string, string | string[] | undefined>;

/**
 * One query parameter as a clean string: the first of repeated values (`?q=a&q=b` is "a"), cut to
 * `max` characters; undefined when absent or empty. A control character becomes U+FFFD: no name
 * holds one, so `?q=%00` searches for something that matches nothing, and PostgreSQL (which
 * refuses NUL) never sees it.
 */
export function queryParam(source: SearchParamsSource, key: string, max = 200): string | undefined {
  const raw = source instanceof URLSearchParams ? source.get(key) : source[key];
  const first = Array.isArray(raw) ? raw[0] : raw;
  if (typeof first !== "string") return undefined;
  const clean = first.replace(CONTROL_CHARS, "\uFFFD").trim().slice(0, max);
  return clean || undefined;
}
