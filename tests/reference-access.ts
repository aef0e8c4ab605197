import type { OrgRole, ProjectLevel, Visibility } from "@/db/schema";

/**
 * SPEC §3's effective permission, written plainly and separately from the SQL resolver so the
 * tests compare two independent readings of the rule.
 */
export function referenceLevel(input: {
  orgKind: "personal" | "team";
  role: OrgRole | null;
  visibility: Visibility;
  baseline: "none" | ProjectLevel;
  externalCollaborators: boolean;
  direct: ProjectLevel | null;
  teams: ProjectLevel[];
}): ProjectLevel | null {
  const candidates: (ProjectLevel | null)[] = [];
  if (input.role === "owner" || input.role === "admin") candidates.push("admin");
  const member = input.role !== null;
  if (input.direct && (member || input.externalCollaborators || input.orgKind === "personal")) candidates.push(input.direct);
  if (member) candidates.push(...input.teams);
  if (member && input.visibility !== "private" && input.baseline !== "none") candidates.push(input.baseline);
  if (input.visibility === "public") candidates.push("read");
  return candidates.reduce<ProjectLevel | null>((best, l) => (l && (!best || RANK[l] > RANK[best]) ? l : best), null);
}

// Its own ordering of the levels, so the reference shares no code with the resolver under test.
const RANK: Record<ProjectLevel, number> = { read: 1, write: 2, admin: 3 };
