import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { rows } from "@/db/client";
import { apiTokens, organizations, users } from "@/db/schema";
import { changeRoleAction } from "@/lib/actions/org/change-role";
import { removeMemberAction } from "@/lib/actions/org/remove-member";
import { createTokenAction } from "@/lib/actions/tokens/create-token";
import { revokeOrgTokenAction } from "@/lib/actions/tokens/revoke-org-token";
import { revokeTokenAction } from "@/lib/actions/tokens/revoke-token";
import { setTokenPolicyAction } from "@/lib/actions/tokens/set-token-policy";
import { getMe, listMyWorkspaces } from "@/lib/api/endpoints/account";
import { getProject } from "@/lib/api/endpoints/project";
import { createRun } from "@/lib/api/endpoints/resources";
import { createDefaultProject, listDefaultProjects } from "@/lib/api/endpoints/workspace-projects";
import { runAsApiCaller } from "@/lib/auth/api-caller";
import { listOrgTokens } from "@/lib/data/tokens";
import { as } from "../setup/session";
import { db, grant, makeProject, makeWorld } from "../factories";
import { call, makeToken } from "./api-helpers";

const RUN = { name: "Run", metrics: { accuracy: 0.9 } };

async function tokenRow(secret: string) {
  const hash = createHash("sha256").update(secret).digest("hex");
  const [row] = await (await db()).select().from(apiTokens).where(eq(apiTokens.tokenHash, hash));
  return row;
}

describe("creating a token", () => {
  it("shows a recognisable secret once and stores only its SHA-256", async () => {
    const w = await makeWorld();
    const secret = await makeToken(w.member, { name: "nightly" });
    expect(secret).toMatch(/^wbo_pat_[A-Za-z0-9_-]{43}$/);
    const row = await tokenRow(secret);
    expect(row.name).toBe("nightly");
    expect(row.prefix).toBe(secret.slice(0, 12));
    const [stored] = await rows<{ text: string }>(await db(), sql`select row_to_json(t)::text as text from api_tokens t where id = ${row.id}::uuid`);
    expect(stored.text).not.toContain(secret.slice(12));
  });

  it("refuses 'never' unless the organization allows it, then allows it", async () => {
    const w = await makeWorld();
    const make = () => as(w.member, () => createTokenAction(null, { name: "forever", scope: w.org.id, permission: "read", expiry: "never" }));
    const refused = await make();
    expect(refused).toMatchObject({ ok: false, fieldErrors: { expiry: ["Tokens that never expire are allowed only for one workspace whose organization allows them."] } });
    await as(w.owner, () => setTokenPolicyAction(null, { org: w.org.slug, allowApiTokens: "on", allowNonExpiringTokens: "on" }));
    const allowed = await make();
    expect(allowed.ok).toBe(true);
    // An all-workspaces token never may be endless: other organizations did not agree to it.
    const all = await as(w.member, () => createTokenAction(null, { name: "all forever", scope: "all", permission: "read", expiry: "never" }));
    expect(all.ok).toBe(false);
  });

  it("checks the expiry date and the workspace", async () => {
    const w = await makeWorld();
    const past = await as(w.member, () => createTokenAction(null, { name: "t", scope: "all", permission: "read", expiry: "date", expiresOn: "2020-01-01" }));
    expect(past).toMatchObject({ ok: false, fieldErrors: { expiresOn: ["The expiry date must be in the future."] } });
    const foreign = await as(w.member, () => createTokenAction(null, { name: "t", scope: w.otherOrg.id, permission: "read", expiry: "7" }));
    expect(foreign).toMatchObject({ ok: false, fieldErrors: { scope: ["Choose one of your workspaces."] } });
    const nextYear = new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10);
    const fine = await as(w.member, () => createTokenAction(null, { name: "t", scope: w.org.id, permission: "read", expiry: "date", expiresOn: nextYear }));
    expect(fine.ok).toBe(true);
  });

  it("a token cannot make tokens (account actions stay with the browser session)", async () => {
    const w = await makeWorld();
    const secret = await makeToken(w.member);
    const row = await tokenRow(secret);
    const viaToken = await runAsApiCaller({ kind: "token", tokenId: row.id }, () =>
      createTokenAction(null, { name: "child", scope: "all", permission: "write", expiry: "7" }),
    );
    expect(viaToken).toMatchObject({ ok: false, status: 403, error: "Personal access tokens cannot change account settings or organizations; use the website." });
    const viaSession = await as(w.member, () => createTokenAction(null, { name: "child", scope: "all", permission: "write", expiry: "7" }));
    expect(viaSession.ok).toBe(true);
  });
});

describe("a token's limits", () => {
  it("expired: 401; a live one: 200", async () => {
    const w = await makeWorld();
    const live = await makeToken(w.member);
    const old = await makeToken(w.member);
    // Arranged by SQL: the test is about what happens after expiry, not about waiting 7 days.
    await (await db()).update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.id, (await tokenRow(old)).id));
    expect((await call(getMe, { token: live })).status).toBe(200);
    const refused = await call(getMe, { token: old });
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toBe("This token is not valid: it may have expired or been revoked.");
    expect(refused.headers.get("www-authenticate")).toBe('Bearer realm="api"');
  });

  it("revoked by its owner: the next call gets 401", async () => {
    const w = await makeWorld();
    const secret = await makeToken(w.member);
    expect((await call(getMe, { token: secret })).status).toBe(200);
    expect(await as(w.member, () => revokeTokenAction(null, { tokenId: "not-an-id" }))).toMatchObject({ ok: false, status: 400 });
    expect((await call(getMe, { token: secret })).status).toBe(200);
    const ok = await as(w.member, async () => revokeTokenAction(null, { tokenId: (await tokenRow(secret)).id }));
    expect(ok.ok).toBe(true);
    expect((await call(getMe, { token: secret })).status).toBe(401);
  });

  it("someone else cannot revoke my token as their own", async () => {
    const w = await makeWorld();
    const secret = await makeToken(w.member);
    const id = (await tokenRow(secret)).id;
    expect(await as(w.admin, () => revokeTokenAction(null, { tokenId: id }))).toMatchObject({ ok: false, status: 404 });
    expect((await call(getMe, { token: secret })).status).toBe(200);
  });

  it("limited to another workspace: 403; limited to this one: 200", async () => {
    const w = await makeWorld();
    const project = await makeProject(w.org, { visibility: "organization" });
    const elsewhere = await makeToken(w.member, { scope: w.member.personalOrgId });
    const here = await makeToken(w.member, { scope: w.org.id });
    const refused = await call(getProject, { token: elsewhere, params: { id: project.id } });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe("This token is limited to another workspace.");
    expect((await call(getProject, { token: here, params: { id: project.id } })).status).toBe(200);
    // Its workspace list holds only the workspace it reaches.
    const list = await call(listMyWorkspaces, { token: here });
    expect(list.body.items!.map((x) => x.slug)).toEqual([w.org.slug]);
  });

  it("read-only: reads pass, writes get 403; a read and write token writes", async () => {
    const w = await makeWorld();
    const project = await makeProject(w.org, { visibility: "organization" });
    const read = await makeToken(w.member, { permission: "read" });
    const write = await makeToken(w.member, { permission: "write" });
    expect((await call(getProject, { token: read, params: { id: project.id } })).status).toBe(200);
    const refused = await call(createRun, { token: read, params: { id: project.id }, json: RUN });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe("This token is read-only: creating, changing and deleting need a read and write token.");
    expect((await call(createRun, { token: write, params: { id: project.id }, json: RUN })).status).toBe(201);
  });

  it("the owner removed from the organization one request earlier: the next call gets 404", async () => {
    const w = await makeWorld();
    const project = await makeProject(w.org, { visibility: "organization" });
    const secret = await makeToken(w.member, { scope: w.org.id });
    expect((await call(getProject, { token: secret, params: { id: project.id } })).status).toBe(200);
    expect((await as(w.owner, () => removeMemberAction(null, { org: w.org.slug, userId: w.member.id }))).ok).toBe(true);
    expect((await call(getProject, { token: secret, params: { id: project.id } })).status).toBe(404);
    expect((await call(createRun, { token: secret, params: { id: project.id }, json: RUN })).status).toBe(404);
  });

  it("the owner demoted from admin: a private project they saw as admin is gone at the next call", async () => {
    const w = await makeWorld();
    const project = await makeProject(w.org, { visibility: "private" });
    const secret = await makeToken(w.admin);
    expect((await call(createRun, { token: secret, params: { id: project.id }, json: RUN })).status).toBe(201);
    expect((await as(w.owner, () => changeRoleAction(null, { org: w.org.slug, userId: w.admin.id, role: "member" }))).ok).toBe(true);
    expect((await call(getProject, { token: secret, params: { id: project.id } })).status).toBe(404);
  });

  it("the owner's grant lowered to read: writes get 403 at the next call", async () => {
    const w = await makeWorld();
    await (await db()).update(organizations).set({ baseline: "none" }).where(eq(organizations.id, w.org.id));
    const project = await makeProject(w.org, { visibility: "organization" });
    await grant(project, { userId: w.member.id }, "write");
    const secret = await makeToken(w.member);
    expect((await call(createRun, { token: secret, params: { id: project.id }, json: RUN })).status).toBe(201);
    // Arranged by SQL: lowering a grant through its action is tested with the people page.
    await (await db()).execute(sql`update project_grants set level = 'read' where project_id = ${project.id}::uuid and user_id = ${w.member.id}::uuid`);
    expect((await call(createRun, { token: secret, params: { id: project.id }, json: RUN })).status).toBe(403);
  });

  it("the owner's account deleted: its tokens are gone and answer 401", async () => {
    const w = await makeWorld();
    const secret = await makeToken(w.member);
    expect((await call(getMe, { token: secret })).status).toBe(200);
    // Arranged by SQL: account deletion has its own tests; this one is about the cascade.
    await (await db()).delete(users).where(eq(users.id, w.member.id));
    expect(await tokenRow(secret)).toBeUndefined();
    expect((await call(getMe, { token: secret })).status).toBe(401);
  });

  it("a malformed Authorization header: 401", async () => {
    const answer = await call(getMe, { headers: { authorization: "Bearer not-one-of-ours" } });
    expect(answer.status).toBe(401);
    expect(answer.body.detail).toBe("Send a personal access token as “Authorization: Bearer wbo_pat_…”.");
  });
});

describe("the organization's say", () => {
  it("forbidding tokens refuses them at the next call; the browser session still works", async () => {
    const w = await makeWorld();
    const project = await makeProject(w.org, { visibility: "organization" });
    const secret = await makeToken(w.member);
    expect((await call(getProject, { token: secret, params: { id: project.id } })).status).toBe(200);
    expect((await as(w.owner, () => setTokenPolicyAction(null, { org: w.org.slug }))).ok).toBe(true);
    const refused = await call(getProject, { token: secret, params: { id: project.id } });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe("This organization does not allow personal access tokens.");
    expect((await call(getProject, { session: w.member, params: { id: project.id } })).status).toBe(200);
    const create = await as(w.member, () => createTokenAction(null, { name: "t", scope: w.org.id, permission: "read", expiry: "7" }));
    expect(create).toMatchObject({ ok: false, fieldErrors: { scope: ["This organization does not allow personal access tokens."] } });
  });

  it("only owners and admins change the token settings", async () => {
    const w = await makeWorld();
    expect(await as(w.member, () => setTokenPolicyAction(null, { org: w.org.slug }))).toMatchObject({ ok: false, status: 403 });
    expect(await as(w.admin, () => setTokenPolicyAction(null, { org: w.org.slug }))).toMatchObject({ ok: true });
  });

  it("no longer allowing endless tokens stops the endless ones here", async () => {
    const w = await makeWorld();
    const project = await makeProject(w.org, { visibility: "organization" });
    await as(w.owner, () => setTokenPolicyAction(null, { org: w.org.slug, allowApiTokens: "on", allowNonExpiringTokens: "on" }));
    const endless = await makeToken(w.member, { scope: w.org.id, expiry: "never" });
    const dated = await makeToken(w.member, { scope: w.org.id, expiry: "30" });
    expect((await call(getProject, { token: endless, params: { id: project.id } })).status).toBe(200);
    await as(w.owner, () => setTokenPolicyAction(null, { org: w.org.slug, allowApiTokens: "on" }));
    expect((await call(getProject, { token: endless, params: { id: project.id } })).status).toBe(403);
    expect((await call(getProject, { token: dated, params: { id: project.id } })).status).toBe(200);
  });

  it("an admin sees and revokes the tokens that reach the organization; a member cannot", async () => {
    const w = await makeWorld();
    const scoped = await makeToken(w.member, { scope: w.org.id, name: "scoped" });
    const all = await makeToken(w.restricted, { name: "everywhere" });
    await makeToken(w.outsider, { name: "not ours" });
    const listed = await listOrgTokens(w.org.id);
    expect(listed.map((t) => `${t.owner}:${t.name}`).sort()).toEqual([`${w.member.username}:scoped`, `${w.restricted.username}:everywhere`].sort());
    const id = (await tokenRow(all)).id;
    expect(await as(w.member, () => revokeOrgTokenAction(null, { org: w.org.slug, tokenId: id }))).toMatchObject({ ok: false, status: 403 });
    expect((await call(getMe, { token: all })).status).toBe(200);
    const outsiderToken = (await tokenRow((await makeToken(w.outsider)))).id;
    expect(await as(w.admin, () => revokeOrgTokenAction(null, { org: w.org.slug, tokenId: outsiderToken }))).toMatchObject({ ok: false, status: 404 });
    expect(await as(w.admin, () => revokeOrgTokenAction(null, { org: w.org.slug, tokenId: id }))).toMatchObject({ ok: true });
    expect((await call(getMe, { token: all })).status).toBe(401);
    expect((await call(getMe, { token: scoped })).status).toBe(200);
  });
});

describe("rate limits", () => {
  const saved = process.env.API_RATE_PER_MINUTE;
  beforeEach(() => {
    process.env.API_RATE_PER_MINUTE = "3";
  });
  afterEach(() => {
    process.env.API_RATE_PER_MINUTE = saved;
  });

  it("counts per token in the database and answers 429 past the limit; another token is unaffected", async () => {
    const w = await makeWorld();
    const busy = await makeToken(w.member);
    const other = await makeToken(w.member);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await call(getMe, { token: busy }));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    expect(answers[0].headers.get("ratelimit")).toMatch(/^limit=3, remaining=2, reset=\d+$/);
    expect(answers[0].headers.get("ratelimit-policy")).toBe("3;w=60");
    expect(answers[3].headers.get("retry-after")).toMatch(/^\d+$/);
    expect(answers[3].body.detail).toMatch(/^Too many requests: at most 3 a minute/);
    expect((await call(getMe, { token: other })).status).toBe(200);
  });

  it("concurrent calls never overshoot the limit (the counter is one atomic upsert)", async () => {
    const w = await makeWorld();
    const token = await makeToken(w.member);
    const answers = await Promise.all(Array.from({ length: 8 }, () => call(getMe, { token })));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(3);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(5);
  });
});

describe("browser sessions and other origins", () => {
  it("a cookie write needs this site's Origin; a token needs none; no CORS headers either way", async () => {
    const w = await makeWorld();
    const noOrigin = await call(createDefaultProject, { session: w.owner, origin: null, json: { name: "From nowhere" } });
    expect(noOrigin.status).toBe(403);
    const foreign = await call(createDefaultProject, { session: w.owner, origin: "https://evil.example", json: { name: "From evil" } });
    expect(foreign.status).toBe(403);
    const same = await call(createDefaultProject, { session: w.owner, origin: "http://localhost", json: { name: "From here" } });
    expect(same.status).toBe(201);
    const token = await makeToken(w.owner);
    const scripted = await call(createDefaultProject, { token, origin: "https://elsewhere.example", json: { name: "From a script" } });
    expect(scripted.status).toBe(201);
    for (const a of [noOrigin, same, scripted]) expect(a.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("no workspace named: the token's workspace, else the user's default", async () => {
    const w = await makeWorld();
    const scoped = await makeToken(w.member, { scope: w.org.id });
    const all = await makeToken(w.member);
    const inOrg = await call(createDefaultProject, { token: scoped, json: { name: "Scoped default" } });
    expect(inOrg.body.workspace).toBe(w.org.slug);
    // The member never starred a workspace and joined by SQL, so the default is the personal one.
    const personal = await call(createDefaultProject, { token: all, json: { name: "Personal default" } });
    expect(personal.body.workspace).toBe(w.member.username);
    const listed = await call(listDefaultProjects, { token: all });
    expect(listed.body.items!.map((p) => p.name)).toEqual(["Personal default"]);
  });
});
