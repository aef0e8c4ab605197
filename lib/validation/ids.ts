import { z } from "zod";

// The canonical 8-4-4-4-12 form only: PostgreSQL also parses odd spellings and refuses others
// with an error, so an id that is not exactly this never reaches a query.
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID_PATTERN.test(value);
}

/** Marks the issue of a malformed id, so the action answers 404 like for an id that does not exist. */
export const NOT_FOUND_ISSUE = { notFound: true } as const;

export function isNotFoundIssue(issue: { code: string; params?: unknown }): boolean {
  return issue.code === "custom" && (issue.params as { notFound?: boolean } | undefined)?.notFound === true;
}

/**
 * The id of something that must exist (a project, a resource, a grant): anything that is not a
 * UUID, of any type, is "not found" with `message`, never a server error.
 */
export const uuidSchema = (message = "Not found.") =>
  z
    .custom<string>((v) => typeof v === "string" && isUuid(v.trim()), { error: message, params: NOT_FOUND_ISSUE })
    .transform((v) => v.trim().toLowerCase());
