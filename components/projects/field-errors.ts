import type { FieldErrors } from "@/lib/actions/result";

/** A refusal shown next to its field is not repeated at the top of the form. */
export function hasFieldErrors(errors: FieldErrors): boolean {
  return Object.values(errors).some((e) => !!e?.length);
}
