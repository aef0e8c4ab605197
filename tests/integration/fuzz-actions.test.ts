import { sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { rows } from "@/db/client";
import { invitations, notifications, projectGrants } from "@/db/schema";
import { sessionClaims, signInAs } from "../setup/session";
import { db, grant, makeProject, makeTeam, makeWorld } from "../factories";
import { csvFile, insertDataset, insertEndpoint, insertModel } from "./resources-fixtures";

// Auth.js's signIn/signOut need a live request; here they do what the credentials provider does
// (check the password, refuse with CredentialsSignin) so the sign-in action runs its whole path.
vi.mock("@/lib/auth/config", async () => {
  const { CredentialsSignin } = await import("next-auth");
  const { signInWithPassword } = await import("@/lib/auth/credentials");
  class SignInThrottled extends CredentialsSignin {}
  return {
    SignInThrottled,
    auth: async () => null,
    signIn: async (_provider: string, form: { identifier: string; password: string }) => {
      const result = await signInWithPassword(form.identifier, form.password, { ip: "127.0.0.1", userAgent: null });
      if (!result.ok) throw new CredentialsSignin();
    },
    signOut: async () => {},
  };
});

type Raw = Record<string, unknown> | FormData;
type ActionFn = (prev: unknown, raw: Raw) => Promise<{ ok: boolean; status?: number }>;

// Every module under lib/actions: a new action is fuzzed the day it is written.
const modules = import.meta.glob<Record<string, unknown>>(["../../lib/actions/**/*.ts", "!../../lib/actions/safe-action.ts"], { eager: true });
const actions = Object.entries(modules).flatMap(([file, mod]) =>
  Object.entries(mod)
    .filter(([name, fn]) => name.endsWith("Action") && typeof fn === "function")
    .map(([name, fn]) => ({ name, file, fn: fn as ActionFn })),
);

// Values no field accepts: each must be refused with a 4xx and change nothing.
const REFUSED: [string, unknown][] = [
  ["NUL", "\u0000"],
  ["NUL inside a word", "ab\u0000cd"],
  ["a bell and an escape", "x\u0007\u001b[31m"],
  ["100,000 characters", "x".repeat(100_000)],
  ["a number", 42],
  ["a boolean", true],
  ["null", null],
  ["an array", ["a", "b"]],
  ["an object", { nested: "x" }],
  ["an array of objects", [{}, {}]],
];
// Not an id, though fine as a name: refused wherever everything, the ids included, is this.
const NOT_IDS: [string, unknown][] = [
  ["36 hex digits and dashes that are no UUID", "ffffffffffffffffffffffffffffffff----"],
  ["a word for an id", "not-a-uuid"],
];
// Text a person may well type: it may be accepted (an Arabic team name is a fine name), but it
// must never be a server error.
const ODD_BUT_TEXT: [string, unknown][] = [
  ["right-to-left override", "\u202egnp.exe"],
  ["zero-width space only", "\u200b"],
  ["Arabic", "مرحبا بالعالم"],
  ["emoji with a modifier", "👍🏽👨‍👩‍👧"],
  ["whitespace only", " \t \n "],
];

let w: Awaited<ReturnType<typeof makeWorld>>;
let refs: Record<string, Record<string, string>>;
let personalProjectId: string;

/** Which fields each action names things by (valid here) and which it takes as input (fuzzed). */
// An action written after the table below still gets every common field name, all of them bad;
// not knowing whether it takes input at all, the test holds it only to "no 5xx, no throw".
const GENERIC_FIELDS = ["org", "projectId", "resourceId", "id", "token", "name", "email", "password", "description", "value"];

function plan(name: string): { refs: Record<string, string>; fields: string[]; unknown?: boolean } {
  const p = (fields: string[], ref: Record<string, string> = {}) => ({ refs: ref, fields });
  const { org, project, team, grant: grantRef, resource, dataset } = refs;
  const table: Record<string, { refs: Record<string, string>; fields: string[] }> = {
    deleteAccountAction: p(["confirm", "password"]),
    changePasswordAction: p(["currentPassword", "newPassword"]),
    endAllSessionsAction: p([]),
    addTeamMemberAction: p(["userId", "role"], { ...org, ...team }),
    removeTeamMemberAction: p(["userId"], { ...org, ...team }),
    renameTeamAction: p(["name"], { ...org, ...team }),
    deleteTeamAction: p(["teamId"], org),
    createTeamAction: p(["name", "description"], org),
    setGrantCapabilitiesAction: p(["canDeploy", "canPredict"], { ...project, ...grantRef }),
    changeVisibilityAction: p(["visibility"], project),
    setOrgPermissionsAction: p(["baseline", "allowPublicProjects", "externalCollaborators", "deployForWrite", "predictForRead"], org),
    addTeamAction: p(["teamId", "level"], project),
    createProjectAction: p(["name", "description", "tags", "colour", "visibility"], org),
    deleteProjectAction: p(["confirm"], project),
    removeGrantAction: p(["grantId"], project),
    updateProjectAction: p(["name", "description", "tags", "colour"], project),
    editProjectAction: p(["name", "description", "tags", "colour", "visibility"], project),
    changeGrantAction: p(["level"], { ...project, ...grantRef }),
    addPersonAction: p(["userId", "username", "level"], project),
    leaveOrganizationAction: p([], org),
    transferOwnershipAction: p(["userId"], org),
    deleteOrganizationAction: p(["confirm"], org),
    changeRoleAction: p(["userId", "role"], org),
    updateOrganizationAction: p(["displayName", "contactEmail", "description"], org),
    updateBillingAction: p(["plan", "additionalSeats", "billingDetails"], org),
    createOrganizationAction: p(["slug", "displayName", "contactEmail", "description", "billingDetails", "plan", "additionalSeats"]),
    removeMemberAction: p(["userId"], org),
    setDefaultWorkspaceAction: p(["orgId"]),
    signUpAction: p(["username", "email", "password", "callbackUrl"]),
    signInAction: p(["identifier", "password", "callbackUrl"]),
    signOutAction: p([]),
    switchAccountAction: p(["token", "login"]),
    markNotificationReadAction: p(["notificationId"]),
    markAllNotificationsReadAction: p([]),
    trainModelAction: p(["datasetId", "name", "description", "target", "inputs", "maxDepth"], project),
    moveResourceAction: p(["targetProjectId"], { ...project, ...resource }),
    updateResourceAction: p(["name", "description"], { ...project, ...resource }),
    deployAction: p(["name"], { ...project, ...resource }),
    predictAction: p(["x0", "x1", "x2", "x3"], { ...project, ...resource }),
    deleteResourceAction: p(["resourceId"], project),
    transferResourceAction: p(["targetProjectId"], { projectId: personalProjectId, ...dataset }),
    uploadDatasetAction: p(["name", "description", "file"], project),
    createRunAction: p(["name", "description", "modelId", "params", "metrics"], project),
    inviteAction: p(["invitees", "role"], org),
    acceptInvitationAction: p(["token", "invitationId"]),
    declineInvitationAction: p(["token", "invitationId"]),
    revokeInvitationAction: p(["invitationId"], org),
    resendInvitationAction: p(["invitationId"], org),
  };
  return table[name] ?? { ...p(GENERIC_FIELDS), unknown: true };
}

/** A fingerprint of every row of every table (throttle counters aside), in one round trip. */
async function snapshot(): Promise<Record<string, string>> {
  const d = await db();
  const tables = await rows<{ name: string }>(
    d,
    // Failed sign-ins are counted on purpose (that is the throttle), so rate_limits may change.
    sql`select table_name as name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name <> 'rate_limits' order by 1`,
  );
  // A signed-in session's last_seen_at moves on its own (once a minute): that is no write of ours.
  const parts = tables.map(
    (t) => sql`select ${t.name} as name, md5(coalesce(string_agg((to_jsonb(x) - 'last_seen_at')::text, ',' order by (to_jsonb(x) - 'last_seen_at')::text), '')) as hash
               from ${sql.identifier(t.name)} x`,
  );
  const hashes = await rows<{ name: string; hash: string }>(d, sql.join(parts, sql` union all `));
  return Object.fromEntries(hashes.map((h) => [h.name, h.hash]));
}

function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
}

/** Calls the action and describes what went wrong: a throw, a 5xx, or (if `mustRefuse`) a write. */
async function probe(fn: ActionFn, raw: Raw, mustRefuse: boolean): Promise<string | null> {
  const before = await snapshot();
  let result: { ok: boolean; status?: number } | undefined;
  try {
    result = await fn(null, raw);
  } catch (err) {
    return `threw ${(err as Error)?.message ?? String(err)}`;
  }
  if (result && !result.ok && (result.status ?? 0) >= 500) return `answered ${result.status}`;
  if (!mustRefuse) return null;
  if (result?.ok) return "accepted it";
  const changed = changedTables(before, await snapshot());
  return changed.length ? `wrote to ${changed.join(", ")}` : null;
}

function withAll(fields: string[], value: unknown): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f, value]));
}

beforeAll(async () => {
  w = await makeWorld();
  const d = await db();
  const project = await makeProject(w.org, { visibility: "organization" });
  const personal = await makeProject({ id: w.owner.personalOrgId }, { visibility: "private" });
  personalProjectId = personal.id;
  const team = await makeTeam(w.org, [w.member.id]);
  await grant(project, { userId: w.member.id }, "read");
  const [g] = await d.select({ id: projectGrants.id }).from(projectGrants).where(sql`${projectGrants.projectId} = ${project.id}`);
  const dataset = await insertDataset(project.id, w.owner.id);
  const model = await insertModel(project.id, w.owner.id, dataset);
  await insertEndpoint(project.id, w.owner.id, model);
  const personalDataset = await insertDataset(personal.id, w.owner.id);
  const [inv] = await d
    .insert(invitations)
    .values({ orgId: w.org.id, invitedBy: w.owner.id, email: "someone@example.test", role: "member", tokenHash: "f".repeat(64), expiresAt: new Date(Date.now() + 86_400_000) })
    .returning();
  await d.insert(notifications).values({ userId: w.owner.id, kind: "test", title: "Read already", readAt: new Date() });
  refs = {
    org: { org: w.org.slug },
    project: { projectId: project.id },
    team: { teamId: team.id },
    grant: { grantId: g.id },
    resource: { resourceId: model.id },
    dataset: { resourceId: personalDataset.id },
    invitation: { invitationId: inv.id },
  };
  // The strongest caller: whatever is refused below is refused for the input, not for the role.
  signInAs(w.owner);
});

describe("every server action, given bad input by an organization owner", () => {
  it("finds the actions to fuzz", () => {
    expect(actions.length).toBeGreaterThanOrEqual(40);
    expect(actions.map((a) => a.name)).toEqual(expect.arrayContaining(["createProjectAction", "predictAction", "signInAction", "inviteAction"]));
  });

  it("positive control: the same owner, with good input, is allowed", async () => {
    signInAs(w.owner);
    const { createTeamAction } = await import("@/lib/actions/teams/create-team");
    const result = await createTeamAction(null, { ...refs.org, name: "Control team", description: "" });
    expect(result.ok).toBe(true);
  });

  it.each(actions.map((a) => [a.name, a] as const))("%s refuses bad values with a 4xx and writes nothing", async (_name, action) => {
    const { refs: valid, fields, unknown } = plan(action.name);
    // A fresh session each time: an action that ends sessions must not sign the next one out.
    signInAs(w.owner);
    await sessionClaims();
    const problems: string[] = [];
    const check = async (label: string, raw: Raw, mustRefuse: boolean) => {
      const problem = await probe(action.fn, raw, mustRefuse && !unknown);
      if (problem) problems.push(`${label}: ${problem}`);
    };
    const names = [...Object.keys(valid), ...fields];
    for (const [label, value] of REFUSED) {
      // Everything bad, the references included.
      if (names.length) await check(`every field ${label}`, withAll(names, value), true);
      // Real references, every other field bad: the value reaches the action's own checks.
      if (fields.length) await check(`fields ${label}`, { ...valid, ...withAll(fields, value) }, true);
    }
    for (const [label, value] of NOT_IDS) {
      if (names.length) await check(`every field ${label}`, withAll(names, value), true);
      if (fields.length) await check(`fields ${label}`, { ...valid, ...withAll(fields, value) }, false);
    }
    for (const [label, value] of ODD_BUT_TEXT) {
      await check(`every field ${label}`, withAll(names, value), false);
      if (fields.length) await check(`fields ${label}`, { ...valid, ...withAll(fields, value) }, false);
    }
    // Multipart: repeated keys, files where text belongs, text or garbage where a file belongs.
    const form = (fill: (f: FormData, field: string) => void) => {
      const f = new FormData();
      for (const [k, v] of Object.entries(valid)) f.append(k, v);
      for (const field of fields) fill(f, field);
      return f;
    };
    if (fields.length) {
      await check("repeated fields", form((f, k) => { f.append(k, "\u0000"); f.append(k, "b"); }), true);
      await check("a file for every field", form((f, k) => f.append(k, csvFile("a,b\n1,2\n"))), !fields.includes("file"));
    }
    if (fields.includes("file")) {
      const others = (f: FormData, k: string, file: File | string) => f.append(k, k === "file" ? file : "x");
      await check("an oversized file", form((f, k) => others(f, k, csvFile("a,b\n" + "1,2\n".repeat(1_600_000), "big.csv"))), true);
      await check("binary garbage for a CSV", form((f, k) => others(f, k, csvFile(new Uint8Array(4096).fill(0xff), "x.csv"))), true);
      await check("text where a file belongs", form((f, k) => others(f, k, "a,b\n1,2\n")), true);
      await check("two files", form((f, k) => { others(f, k, csvFile("a,b\n1,2\n")); if (k === "file") f.append(k, csvFile("c\n3\n")); }), true);
    }
    expect(problems).toEqual([]);
  });
});

// Route handlers under app/ (Auth.js's own is driven over HTTP by the end-to-end tests).
const routes = import.meta.glob<Record<string, unknown>>(["../../app/**/route.ts", "!../../app/api/auth/**"], { eager: true });
const QUERY_KEYS = ["q", "tag", "visibility", "sort", "cursor", "actor", "action", "before", "page", "limit"];

describe("every route handler, given bad parameters by an organization owner", () => {
  const handlers = Object.entries(routes).flatMap(([file, mod]) =>
    ["GET", "POST", "PUT", "PATCH", "DELETE"]
      .filter((m) => typeof mod[m] === "function")
      .map((m) => [`${m} ${file.replace("../../app", "")}`, file, mod[m] as (req: NextRequest, ctx: unknown) => Promise<Response>] as const),
  );

  it("finds the routes", () => {
    expect(handlers.map(([label]) => label)).toEqual(expect.arrayContaining([expect.stringMatching(/projects\/route\.ts$/), expect.stringMatching(/export\/route\.ts$/)]));
  });

  it.each(handlers)("%s answers below 500", async (_label, file, handler) => {
    const segments = [...file.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((m) => m[1]);
    const values: string[] = ["\u0000", "ab\u0000cd", "x".repeat(100_000), "ffffffffffffffffffffffffffffffff----", "\u202e\u200b", "%"];
    const problems: string[] = [];
    for (const value of values) {
      for (const realParams of [true, false]) {
        const params = Object.fromEntries(segments.map((s) => [s, realParams ? (s === "workspace" ? w.org.slug : value) : value]));
        const query = new URLSearchParams();
        for (const key of QUERY_KEYS) {
          query.append(key, value);
          query.append(key, "second");
        }
        const request = new NextRequest(`http://localhost/x?${query}`, { method: "GET" });
        try {
          const response = await handler(request, { params: Promise.resolve(params) });
          if (response.status >= 500) problems.push(`${JSON.stringify(value).slice(0, 20)} (${realParams ? "real" : "bad"} params): ${response.status}`);
          else await response.text();
        } catch (err) {
          problems.push(`${JSON.stringify(value).slice(0, 20)}: threw ${(err as Error).message}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
