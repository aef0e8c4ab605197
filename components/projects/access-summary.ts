import { describeSource, type AccessSource } from "@/lib/authz/resolve";

/** "organization baseline (write), via team Data (read)": every reason, strongest first. */
export function describeSources(sources: AccessSource[], orgKind: "personal" | "team"): string {
  return sources
    .map((s) => (s.kind === "org-admin" && orgKind === "personal" ? "workspace owner" : describeSource(s)))
    .join(", ");
}
