import type { FieldErrors } from "@/lib/actions/result";

/** The form-level message, unless the same failure is already shown next to a field. */
export function formLevel(formError: string | null, errors: FieldErrors): string | null {
  return formError && !Object.values(errors).some((e) => e?.length) ? formError : null;
}
