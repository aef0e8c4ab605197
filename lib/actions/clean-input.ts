import { hasControls } from "@/lib/validation/text";
import type { FieldErrors } from "./result";

// Above any field's own limit (the longest, an invitation list, allows 20,000): a value this long
// is refused before a schema, a hash or a query ever sees it.
const MAX_FIELD_CHARS = 50_000;

function problem(value: unknown, depth = 0): string | null {
  if (typeof value === "string") {
    if (value.length > MAX_FIELD_CHARS) return `This is too long: at most ${MAX_FIELD_CHARS.toLocaleString("en")} characters.`;
    // NUL above all: PostgreSQL refuses it, and no form can type it.
    if (hasControls(value)) return "This contains control characters (such as NUL) that are not allowed.";
    return null;
  }
  if (depth > 3 || !value || typeof value !== "object" || value instanceof Blob) return null;
  for (const inner of Object.values(value)) {
    const found = problem(inner, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * What is wrong with an action's raw input on its way to its schema, whatever the schema says:
 * a value holding a control character or longer than any field allows is a field error, never a
 * query. Null when nothing is.
 */
export function inputRefusals(input: Record<string, unknown>): FieldErrors | null {
  const errors: FieldErrors = {};
  for (const [key, value] of Object.entries(input)) {
    const found = problem(value);
    if (found) errors[key] = [found];
  }
  return Object.keys(errors).length ? errors : null;
}
