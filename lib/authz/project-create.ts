import type { OrgRole } from "@/db/schema";
import { ORG_ACTIONS, orgAllows } from "./policy";

/** Why this viewer may not create a project in the workspace, or null when they may. */
export function projectCreateRefusal(org: { kind: "personal" | "team"; personalUserId: string | null }, role: OrgRole | null, userId: string): string | null {
  if (org.kind === "personal") return org.personalUserId === userId ? null : "Only the owner of a personal workspace can create projects in it.";
  if (!role) return ORG_ACTIONS["org.view"].why;
  return orgAllows(role, "project.create") ? null : ORG_ACTIONS["project.create"].why;
}
