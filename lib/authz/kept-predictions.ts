import type { ProjectAccess } from "./resolve";

/**
 * SPEC §3: people who read a public project without being org members or collaborators on it
 * may run a prediction and see its answer, but nothing of theirs is stored. A member of the
 * organization, or someone granted access directly or through a team, keeps theirs.
 */
export function keepsPredictions(access: Pick<ProjectAccess, "orgRole" | "sources">): boolean {
  return access.orgRole !== null || access.sources.some((s) => s.kind === "direct" || s.kind === "team");
}
