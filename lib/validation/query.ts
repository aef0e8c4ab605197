import { stripControls } from "./text";

export type SearchParamsSource = URLSearchParams | Record<string, string | string[] | undefined>;

/**
 * One query parameter as a clean string: the first of repeated values (`?q=a&q=b` is "a"),
 * control characters removed, cut to `max` characters; undefined when absent or empty.
 */
export function queryParam(source: SearchParamsSource, key: string, max = 200): string | undefined {
  const raw = source instanceof URLSearchParams ? source.get(key) : source[key];
  const first = Array.isArray(raw) ? raw[0] : raw;
  if (typeof first !== "string") return undefined;
  const clean = stripControls(first).trim().slice(0, max);
  return clean || undefined;
}
