import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { rows } from "@/db/client";
import { createAccount } from "@/lib/actions/sign-up";
import { checkCredentials } from "@/lib/auth/credentials";
import { fromAddress } from "../setup/request";
import { signInAs } from "../setup/session";
import { db, makeOrg, makeUser, unique } from "../factories";

const PASSWORD = "a-good-password";

async function counts(username: string) {
  return (
    await rows<{ users: number; orgs: number; memberships: number }>(
      await db(),
      sql`select (select count(*)::int from users where lower(username) = lower(${username})) as users,
                 (select count(*)::int from organizations where lower(slug) = lower(${username})) as orgs,
                 (select count(*)::int from memberships m join users u on u.id = m.user_id where lower(u.username) = lower(${username})) as memberships`,
    )
  )[0];
}

describe("sign-up", () => {
  beforeEach(() => signInAs(null));

  it("creates the user, their personal workspace and their ownership of it together", async () => {
    const username = unique("ada");
    const result = await createAccount(null, { username, email: `${username.toUpperCase()}@Example.test`, password: PASSWORD });
    expect(result.ok).toBe(true);
    expect(await counts(username)).toEqual({ users: 1, orgs: 1, memberships: 1 });
    const [ws] = await rows<{ kind: string; role: string; email: string }>(
      await db(),
      sql`select o.kind, m.role, u.email from organizations o join memberships m on m.org_id = o.id join users u on u.id = m.user_id where o.slug = ${username}`,
    );
    expect(ws).toEqual({ kind: "personal", role: "owner", email: `${username}@example.test` });
  });

  it.each([
    ["a pattern violation", { username: "-bad" }, "username", /may contain only/],
    ["an upper-case-only check", { username: "x" }, "username", /at least 2/],
    ["a reserved word", { username: "settings" }, "username", /reserved/],
    ["a bad e-mail", { email: "not-an-email" }, "email", /valid e-mail/],
    ["a short password", { password: "short" }, "password", /at least 8/],
  ])("refuses %s with a field error and writes nothing", async (_label, override, field, message) => {
    const username = unique("bob");
    const input = { username, email: `${username}@example.test`, password: PASSWORD, ...override };
    const result = await createAccount(null, input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors?.[field]?.[0]).toMatch(message);
    expect(await counts(input.username)).toEqual({ users: 0, orgs: 0, memberships: 0 });
  });

  it("refuses a username taken by a user or an organization, and an e-mail in any case", async () => {
    const existing = await makeUser();
    const org = await makeOrg(existing);
    const byUser = await createAccount(null, { username: existing.username.toUpperCase(), email: `${unique("n")}@example.test`, password: PASSWORD });
    const byOrg = await createAccount(null, { username: org.slug, email: `${unique("n")}@example.test`, password: PASSWORD });
    const byEmail = await createAccount(null, { username: unique("fresh"), email: existing.email.toUpperCase(), password: PASSWORD });
    expect(byUser.ok || byUser.fieldErrors?.username).toEqual(["This username is already taken."]);
    expect(byOrg.ok || byOrg.fieldErrors?.username).toEqual(["This username is already taken."]);
    expect(byEmail.ok || byEmail.fieldErrors?.email?.[0]).toMatch(/already exists/);
  });

  it("signs in with the username or the e-mail, case-insensitively, and not with a wrong password", async () => {
    const username = unique("cleo");
    const result = await createAccount(null, { username, email: `${username}@example.test`, password: PASSWORD });
    expect(result.ok).toBe(true);
    const id = result.ok ? (result.data as { id: string }).id : null;
    expect(await checkCredentials(username, PASSWORD, "192.0.2.2")).toEqual({ ok: true, userId: id });
    expect(await checkCredentials(`${username.toUpperCase()}@EXAMPLE.test`, PASSWORD, "192.0.2.2")).toEqual({ ok: true, userId: id });
    expect(await checkCredentials(username, "wrong-password", "192.0.2.2")).toEqual({ ok: false, reason: "invalid" });
    expect(await checkCredentials("nobody-here", PASSWORD, "192.0.2.2")).toEqual({ ok: false, reason: "invalid" });
  });

  it("stores an argon2id hash, never the password", async () => {
    const username = unique("dan");
    await createAccount(null, { username, email: `${username}@example.test`, password: PASSWORD });
    const [row] = await rows<{ password_hash: string }>(await db(), sql`select password_hash from users where username = ${username}`);
    expect(row.password_hash.startsWith("$argon2id$")).toBe(true);
    expect(row.password_hash).not.toContain(PASSWORD);
  });

  it("limits sign-ups per client address, counting refused attempts too, and leaves other addresses alone", async () => {
    const address = "203.0.113.50";
    const attempt = (username: string) => fromAddress(address, () => createAccount(null, { username, email: `${username}@example.test`, password: PASSWORD }));
    // A refused attempt (a taken name) counts: the limit is on tries, not on accounts made.
    const taken = await makeUser();
    expect(await attempt(taken.username)).toMatchObject({ ok: false, status: 409 });
    for (let i = 1; i < 20; i++) expect((await attempt(unique("burst"))).ok).toBe(true);
    const refusedName = unique("burst");
    const refused = await attempt(refusedName);
    expect(refused).toMatchObject({ ok: false, status: 429 });
    expect((refused as { error: string }).error).toMatch(/^Too many attempts\. Try again in (60|59) minutes\.$/);
    expect(await counts(refusedName)).toEqual({ users: 0, orgs: 0, memberships: 0 });
    // Positive control: the same sign-up from another address goes through.
    expect((await fromAddress("203.0.113.51", () => createAccount(null, { username: refusedName, email: `${refusedName}@example.test`, password: PASSWORD }))).ok).toBe(true);
  });
});
