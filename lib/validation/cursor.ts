import { z } from "zod";
import { queryParam, type SearchParamsSource } from "./query";

/**
 * The one spelling of a list position in a URL: the name of the list it was made for and the
 * sort keys of the row a page ends at, as URL-safe base64 of a JSON array. Clients treat it as
 * opaque; the server reads back only a cursor of the list it expects, with the number of keys it
 * expects, each a short string, and anything else reads as no cursor (the first page).
 */
export function encodeCursor(list: string, keys: string[]): string {
  return Buffer.from(JSON.stringify([list, ...keys])).toString("base64url");
}

const MAX_KEY = 400;

export function decodeCursor(cursor: string | undefined, list: string, arity: number): string[] | null {
  if (!cursor || !CURSOR_PATTERN.test(cursor) || cursor.length > MAX_CURSOR) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(v) || v.length !== arity + 1 || v[0] !== list) return null;
    const keys = v.slice(1);
    return keys.every((k): k is string => typeof k === "string" && k.length <= MAX_KEY) ? keys : null;
  } catch {
    return null;
  }
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

/**
 * Whether a cursor's time key is PostgreSQL's own text of a timestamptz, with fields it accepts:
 * `Date.parse` takes "1" or "2026-02-30", which PostgreSQL refuses with an error.
 */
export function isPgTimestamp(v: string): boolean {
  const m = TIMESTAMP.exec(v);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1 && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h < 24 && mi < 60 && s < 60;
}

const CURSOR_PATTERN = /^[A-Za-z0-9_-]+$/;
const MAX_CURSOR = 1000;

/** A cursor as it arrives in a query string: one that is not URL-safe base64 is simply dropped. */
export const cursorParam = z.string().max(MAX_CURSOR).regex(CURSOR_PATTERN).optional().catch(undefined);

/** The cursor a list's page reads from its URL parameter `key`; the first of repeated ones. */
export function cursorFrom(source: SearchParamsSource, key: string): string | undefined {
  return cursorParam.parse(queryParam(source, key, MAX_CURSOR));
}
