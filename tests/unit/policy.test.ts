import { describe, expect, it } from "vitest";
import {
  canChangeRole, canRemoveMember, maxLevel, ORG_ACTIONS, ORG_ROLES, orgAllows, PROJECT_ACTIONS, projectAllows,
} from "@/lib/authz/policy";
import type { OrgRole, ProjectLevel } from "@/db/schema";

// SPEC §2 written out once more by hand, so a slip in the policy table shows up here.
const SPEC_ORG: Record<keyof typeof ORG_ACTIONS, OrgRole[]> = {
  "org.billing": ["owner"],
  "org.edit": ["owner"],
  "org.delete": ["owner"],
  "org.transfer": ["owner"],
  "org.invite": ["owner", "admin"],
  "org.members": ["owner", "admin"],
  "org.settings": ["owner", "admin"],
  "org.audit": ["owner", "admin"],
  "project.all": ["owner", "admin"],
  "project.create": ["owner", "admin", "member"],
  "org.view": ["owner", "admin", "member", "restricted"],
  "project.granted": ["owner", "admin", "member", "restricted"],
};

const SPEC_PROJECT: Record<keyof typeof PROJECT_ACTIONS, ProjectLevel[]> = {
  "project.people": ["admin"],
  "project.edit": ["admin"],
  "project.delete": ["admin"],
  "resource.write": ["admin", "write"],
  "resource.move": ["admin", "write"],
  "resource.deploy": ["admin", "write"],
  "resource.view": ["admin", "write", "read"],
  "resource.predict": ["admin", "write", "read"],
};

describe("organization role table", () => {
  for (const [action, roles] of Object.entries(SPEC_ORG)) {
    for (const role of ORG_ROLES) {
      it(`${role} ${roles.includes(role) ? "may" : "may not"} ${action}`, () => {
        expect(orgAllows(role, action as keyof typeof ORG_ACTIONS)).toBe(roles.includes(role));
      });
    }
  }
  it("refuses everything to a non-member and gives every refusal a reason", () => {
    for (const action of Object.keys(ORG_ACTIONS) as (keyof typeof ORG_ACTIONS)[]) {
      expect(orgAllows(null, action)).toBe(false);
      expect(ORG_ACTIONS[action].why.length).toBeGreaterThan(10);
    }
  });
});

describe("project level table", () => {
  for (const [action, levels] of Object.entries(SPEC_PROJECT)) {
    for (const level of ["admin", "write", "read"] as ProjectLevel[]) {
      it(`${level} ${levels.includes(level) ? "may" : "may not"} ${action}`, () => {
        expect(projectAllows(level, action as keyof typeof PROJECT_ACTIONS)).toBe(levels.includes(level));
      });
    }
  }
  it("switches deploy and predict by capability only where the spec puts a star", () => {
    expect(projectAllows("write", "resource.deploy", { deploy: false, predict: true })).toBe(false);
    expect(projectAllows("write", "resource.deploy", { deploy: true, predict: true })).toBe(true);
    expect(projectAllows("read", "resource.predict", { deploy: true, predict: false })).toBe(false);
    expect(projectAllows("read", "resource.predict", { deploy: true, predict: true })).toBe(true);
    expect(projectAllows(null, "resource.view")).toBe(false);
    // The switches govern only the starred level: admins deploy and writers predict regardless.
    expect(projectAllows("admin", "resource.deploy", { deploy: false, predict: false })).toBe(true);
    expect(projectAllows("write", "resource.predict", { deploy: false, predict: false })).toBe(true);
  });
  it("orders levels read < write < admin", () => {
    expect(maxLevel("read", "admin", "write")).toBe("admin");
    expect(maxLevel(null, "read")).toBe("read");
    expect(maxLevel()).toBeNull();
  });
});

describe("who manages whom", () => {
  const owner = { id: "o", role: "owner" as const };
  const admin = { id: "a", role: "admin" as const };
  const admin2 = { id: "a2", role: "admin" as const };
  const member = { id: "m", role: "member" as const };
  const restricted = { id: "r", role: "restricted" as const };

  it("lets owners and admins change members' roles (positive controls)", () => {
    expect(canChangeRole(owner, member, "admin").ok).toBe(true);
    expect(canChangeRole(admin, member, "restricted").ok).toBe(true);
    expect(canChangeRole(admin, admin2, "member").ok).toBe(true);
  });
  it("never lets anyone grant owner, touch the owner, or change their own role", () => {
    expect(canChangeRole(owner, member, "owner").ok).toBe(false);
    expect(canChangeRole(admin, owner, "member").ok).toBe(false);
    expect(canChangeRole(admin, admin, "owner").ok).toBe(false);
    expect(canChangeRole(member, member, "admin").ok).toBe(false);
    expect(canChangeRole(restricted, restricted, "member").ok).toBe(false);
    expect(canChangeRole(owner, owner, "admin").ok).toBe(false);
  });
  it("does not let members or restricted members manage anyone", () => {
    expect(canChangeRole(member, restricted, "member").ok).toBe(false);
    expect(canRemoveMember(member, restricted).ok).toBe(false);
  });
  it("lets admins remove anyone but the owner, and nobody remove themselves", () => {
    expect(canRemoveMember(admin, member).ok).toBe(true);
    expect(canRemoveMember(owner, admin).ok).toBe(true);
    expect(canRemoveMember(admin, owner).ok).toBe(false);
    expect(canRemoveMember(admin, admin).ok).toBe(false);
  });
});
