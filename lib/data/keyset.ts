import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { decodeCursor, encodeCursor, isPgTimestamp } from "@/lib/validation/cursor";
import { isUuid } from "@/lib/validation/ids";
import { hasControls } from "@/lib/validation/text";

/** How many rows a settings list shows per page. */
export const LIST_PAGE_SIZE = 50;

/** The PostgreSQL type a sort key is compared as: the cursor's text is checked against it first. */
type KeyType = "int" | "text" | "uuid" | "timestamptz";

/**
 * A list's keyset: the sort expressions (the last one unique, so no two rows tie) and their
 * types, in the list's natural direction. A cursor is bound to its list and to one scope (the
 * organization or project it was made in): another list's or another scope's reads as none.
 */
export interface Keyset {
  list: string;
  scope: string;
  keys: { expr: SQL; type: KeyType }[];
  descending?: boolean;
}

type Direction = "next" | "prev";

interface Position {
  direction: Direction;
  values: string[];
}

/** A page of a list and the cursors of its neighbours (null where there is none). */
export interface Page<T> {
  items: T[];
  next: string | null;
  prev: string | null;
  /** Whether the page was asked for with a cursor: then the first page is elsewhere. */
  paged: boolean;
}

/** Where a page's neighbours are, without its rows. */
export type PageLinks = Omit<Page<never>, "items">;

const VALID: Record<KeyType, (v: string) => boolean> = {
  int: (v) => /^-?\d{1,9}$/.test(v),
  // PostgreSQL refuses NUL in text: a forged cursor holding one would be a server error.
  text: (v) => !hasControls(v),
  uuid: isUuid,
  timestamptz: isPgTimestamp,
};

// Key values travel as text and are cast in SQL, so a key of the wrong shape must never get there.
function readPosition(keyset: Keyset, cursor: string | undefined): Position | null {
  for (const direction of ["next", "prev"] as const) {
    const values = decodeCursor(cursor, `${keyset.list}.${direction}`, keyset.keys.length + 1);
    if (!values || values[0] !== keyset.scope) continue;
    const keys = values.slice(1);
    if (keys.every((v, i) => VALID[keyset.keys[i].type](v))) return { direction, values: keys };
  }
  return null;
}

function cursorAt(keyset: Keyset, direction: Direction, values: string[]): string {
  return encodeCursor(`${keyset.list}.${direction}`, [keyset.scope, ...values]);
}

/**
 * The SQL a list adds to its one statement for the page `cursor` asks for: the keyset condition,
 * the order (reversed for a previous page) and the limit (one row more, to know whether the list
 * goes on). `finish` turns the rows into the page, in the list's natural order.
 */
export function keysetPage(keyset: Keyset, cursor: string | undefined, limit = LIST_PAGE_SIZE) {
  const position = readPosition(keyset, cursor);
  const backwards = position?.direction === "prev";
  const descending = !!keyset.descending !== backwards;
  const columns = sql.join(keyset.keys.map((k) => k.expr), sql`, `);
  const where = position
    ? sql`(${columns}) ${sql.raw(descending ? "<" : ">")} (${sql.join(
        position.values.map((v, i) => sql`${v}::${sql.raw(keyset.keys[i].type)}`),
        sql`, `,
      )})`
    : sql`true`;
  const order = sql.join(keyset.keys.map((k) => sql`${k.expr} ${sql.raw(descending ? "desc" : "asc")}`), sql`, `);

  function finish<T>(rows: T[], keysOf: (row: T) => string[]): Page<T> {
    const more = rows.length > limit;
    const taken = rows.slice(0, limit);
    const items = backwards ? taken.reverse() : taken;
    const first = items[0];
    const last = items[items.length - 1];
    const beyond = (row: T | undefined, direction: Direction) => (row ? cursorAt(keyset, direction, keysOf(row)) : null);
    return {
      items,
      next: backwards ? beyond(last, "next") : more ? beyond(last, "next") : null,
      prev: backwards ? (more ? beyond(first, "prev") : null) : position ? beyond(first, "prev") : null,
      paged: !!position,
    };
  }

  return { where, order, limit: limit + 1, finish };
}
