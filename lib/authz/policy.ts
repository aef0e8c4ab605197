import type { OrgRole, ProjectLevel } from "@/db/schema";

export const ORG_ROLES = ["owner", "admin", "member", "restricted"] as const satisfies readonly OrgRole[];
export const PROJECT_LEVELS = ["read", "write", "admin"] as const satisfies readonly ProjectLevel[];

export const ROLE_LABELS: Record<OrgRole, string> = {
  owner: "Owner",
  admin: "Admin",
  member: "Member",
  restricted: "Restricted member",
};

/** SPEC §2, one row per action: who may do it, and what everyone else is told. */
export const ORG_ACTIONS = {
  "org.billing": {
    label: "Manage the plan, seats and billing details",
    roles: ["owner"],
    why: "Only the organization owner can manage the plan, seats and billing details.",
  },
  "org.edit": {
    label: "Edit organization info (display name, e-mail, description)",
    roles: ["owner"],
    why: "Only the organization owner can edit the organization's information.",
  },
  "org.delete": {
    label: "Delete the organization",
    roles: ["owner"],
    why: "Only the organization owner can delete the organization.",
  },
  "org.transfer": {
    label: "Transfer ownership",
    roles: ["owner"],
    why: "Only the organization owner can transfer ownership.",
  },
  "org.invite": {
    label: "Invite users to the organization",
    roles: ["owner", "admin"],
    why: "Only owners and admins can invite people to the organization.",
  },
  "org.members": {
    label: "Manage roles, remove members, manage teams",
    roles: ["owner", "admin"],
    why: "Only owners and admins can change roles, remove members or manage teams.",
  },
  "org.settings": {
    label: "Set baseline permissions and organization settings",
    roles: ["owner", "admin"],
    why: "Only owners and admins can change baseline permissions and organization settings.",
  },
  "org.audit": {
    label: "View the audit log",
    roles: ["owner", "admin"],
    why: "Only owners and admins can read the audit log.",
  },
  "project.all": {
    label: "Access all projects (as project admin)",
    roles: ["owner", "admin"],
    why: "Only owners and admins have admin access to every project.",
  },
  "project.create": {
    label: "Create projects",
    roles: ["owner", "admin", "member"],
    why: "Restricted members cannot create projects; ask an organization admin to create one and grant you access.",
  },
  "org.view": {
    label: "Access organization-visible and public projects",
    roles: ["owner", "admin", "member", "restricted"],
    why: "Only members of the organization can see its projects.",
  },
  "project.granted": {
    label: "Access private projects where granted",
    roles: ["owner", "admin", "member", "restricted"],
    why: "Only members of the organization can be granted access to its private projects.",
  },
} as const satisfies Record<string, { label: string; roles: readonly OrgRole[]; why: string }>;

export type OrgAction = keyof typeof ORG_ACTIONS;

/** SPEC §3: the lowest project level each action needs. */
export const PROJECT_ACTIONS = {
  "project.people": {
    label: "Add people or teams, change or remove their level",
    levels: ["admin"],
    why: "Only project admins can manage who has access to this project.",
  },
  "project.edit": {
    label: "Edit name, description, tags, colour, visibility",
    levels: ["admin"],
    why: "Only project admins can edit this project's settings.",
  },
  "project.delete": {
    label: "Delete the project",
    levels: ["admin"],
    why: "Only project admins can delete this project.",
  },
  "resource.write": {
    label: "Create, edit and delete resources",
    levels: ["admin", "write"],
    why: "You have read access to this project: creating, editing and deleting resources needs write.",
  },
  "resource.move": {
    label: "Move resources to another project of the organization (needs write there too)",
    levels: ["admin", "write"],
    why: "Moving resources needs write access on both projects.",
  },
  "resource.deploy": {
    label: "Deploy a model / experiment run (capability)",
    levels: ["admin", "write"],
    capability: "deploy",
    why: "Deploying needs write access, and the deploy capability where the organization switched it off for writers.",
  },
  "resource.view": {
    label: "View resources, view the member list",
    levels: ["admin", "write", "read"],
    why: "You do not have access to this project.",
  },
  "resource.predict": {
    label: "Create local predictions / predict on an endpoint",
    levels: ["admin", "write", "read"],
    capability: "predict",
    why: "Predicting needs the predict capability, which the organization switched off for readers.",
  },
} as const satisfies Record<
  string,
  { label: string; levels: readonly ProjectLevel[]; why: string; capability?: "deploy" | "predict" }
>;

export type ProjectAction = keyof typeof PROJECT_ACTIONS;

export function orgAllows(role: OrgRole | null | undefined, action: OrgAction): boolean {
  return !!role && (ORG_ACTIONS[action].roles as readonly OrgRole[]).includes(role);
}

export const LEVEL_RANK: Record<ProjectLevel, number> = { read: 1, write: 2, admin: 3 };

export function maxLevel(...levels: (ProjectLevel | null | undefined)[]): ProjectLevel | null {
  let best: ProjectLevel | null = null;
  for (const l of levels) if (l && (!best || LEVEL_RANK[l] > LEVEL_RANK[best])) best = l;
  return best;
}

export interface ProjectCapabilities {
  deploy: boolean;
  predict: boolean;
}

/**
 * The one level each org-wide switch governs (SPEC §3 `*`): deploy can be switched off for
 * writers, predict for readers. At other levels the table above alone decides.
 */
const SWITCHED_LEVEL: Record<keyof ProjectCapabilities, ProjectLevel> = { deploy: "write", predict: "read" };

export function projectAllows(
  level: ProjectLevel | null | undefined,
  action: ProjectAction,
  caps: ProjectCapabilities = { deploy: true, predict: true },
): boolean {
  if (!level) return false;
  const rule = PROJECT_ACTIONS[action];
  if (!(rule.levels as readonly ProjectLevel[]).includes(level)) return false;
  if ("capability" in rule && level === SWITCHED_LEVEL[rule.capability]) return caps[rule.capability];
  return true;
}

/**
 * Who may manage whom (SPEC §2): the owner role never moves except by transfer, nobody acts on
 * their own role, and admins manage everyone but the owner.
 */
export const MANAGEABLE_ROLES: Record<OrgRole, readonly OrgRole[]> = {
  owner: ["admin", "member", "restricted"],
  admin: ["admin", "member", "restricted"],
  member: [],
  restricted: [],
};

/** Roles an inviter may hand out: never owner, which only moves by transfer. */
export const ASSIGNABLE_ROLES: Record<OrgRole, readonly OrgRole[]> = MANAGEABLE_ROLES;

export function canChangeRole(
  actor: { id: string; role: OrgRole },
  target: { id: string; role: OrgRole },
  newRole: OrgRole,
): { ok: true } | { ok: false; why: string } {
  if (!orgAllows(actor.role, "org.members")) return { ok: false, why: ORG_ACTIONS["org.members"].why };
  if (actor.id === target.id) return { ok: false, why: "You cannot change your own role." };
  if (target.role === "owner") {
    return { ok: false, why: "The owner's role only changes by transferring ownership." };
  }
  if (newRole === "owner") return { ok: false, why: "Ownership moves only by transfer, from the owner." };
  if (!MANAGEABLE_ROLES[actor.role].includes(target.role) || !ASSIGNABLE_ROLES[actor.role].includes(newRole)) {
    return { ok: false, why: "Your role cannot manage this member." };
  }
  return { ok: true };
}

export function canRemoveMember(
  actor: { id: string; role: OrgRole },
  target: { id: string; role: OrgRole },
): { ok: true } | { ok: false; why: string } {
  if (actor.id === target.id) return { ok: false, why: "Use “Leave organization” to remove yourself." };
  if (!orgAllows(actor.role, "org.members")) return { ok: false, why: ORG_ACTIONS["org.members"].why };
  if (target.role === "owner") return { ok: false, why: "The owner cannot be removed; ownership must be transferred first." };
  if (!MANAGEABLE_ROLES[actor.role].includes(target.role)) return { ok: false, why: "Your role cannot manage this member." };
  return { ok: true };
}
