import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rows } from "@/db/client";
import { organizations, projects, users } from "@/db/schema";
import { deleteAccount } from "@/lib/actions/delete-account";
import { hashPassword } from "@/lib/auth/password";
import { addMember, db, makeOrg, makeProject, makeUser } from "../factories";
import { signInAs } from "../setup/session";

async function withPassword(user: { id: string }) {
  await (await db()).update(users).set({ passwordHash: await hashPassword("the-password") }).where(eq(users.id, user.id));
}

async function exists(id: string) {
  return (await (await db()).select({ id: users.id }).from(users).where(eq(users.id, id))).length === 1;
}

describe("deleting an account", () => {
  it("is refused while the user owns an organization with other members, and after a transfer it goes through", async () => {
    const owner = await makeUser();
    await withPassword(owner);
    const org = await makeOrg(owner);
    const colleague = await makeUser();
    await addMember(org, colleague, "member");
    signInAs(owner);
    const refused = await deleteAccount(null, { confirm: owner.username, password: "the-password" });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toContain(`You own ${org.slug}`);
    expect(await exists(owner.id)).toBe(true);

    await (await db()).execute(sql`update memberships set role = 'admin' where org_id = ${org.id} and user_id = ${owner.id}`);
    await (await db()).execute(sql`update memberships set role = 'owner' where org_id = ${org.id} and user_id = ${colleague.id}`);
    expect((await deleteAccount(null, { confirm: owner.username, password: "the-password" })).ok).toBe(true);
    expect(await exists(owner.id)).toBe(false);
    expect((await (await db()).select().from(organizations).where(eq(organizations.id, org.id))).length).toBe(1);
  });

  it("takes sole-member organizations and the personal workspace with it, and leaves what it created elsewhere", async () => {
    const user = await makeUser();
    await withPassword(user);
    const solo = await makeOrg(user);
    const other = await makeOrg(await makeUser());
    await addMember(other, user, "member");
    const created = await makeProject(other, { createdBy: user.id });
    signInAs(user);
    expect((await deleteAccount(null, { confirm: user.username, password: "the-password" })).ok).toBe(true);
    const d = await db();
    expect(await d.select().from(organizations).where(eq(organizations.id, solo.id))).toEqual([]);
    expect(await d.select().from(organizations).where(eq(organizations.id, user.personalOrgId))).toEqual([]);
    const [kept] = await d.select().from(projects).where(eq(projects.id, created.id));
    expect(kept.createdBy).toBeNull();
    const log = await rows<{ action: string; actor_name: string }>(d, sql`select action, actor_name from audit_events where org_id = ${other.id}`);
    expect(log).toEqual([{ action: "member.account-deleted", actor_name: user.username }]);
  });

  it("needs the username typed and the password", async () => {
    const user = await makeUser();
    await withPassword(user);
    signInAs(user);
    const noConfirm = await deleteAccount(null, { confirm: "someone-else", password: "the-password" });
    expect(!noConfirm.ok && noConfirm.fieldErrors?.confirm).toBeTruthy();
    const wrongPassword = await deleteAccount(null, { confirm: user.username, password: "nope" });
    expect(!wrongPassword.ok && wrongPassword.fieldErrors?.password).toBeTruthy();
    expect(await exists(user.id)).toBe(true);
    signInAs(null);
    expect((await deleteAccount(null, { confirm: user.username, password: "the-password" })).ok).toBe(false);
    expect(await exists(user.id)).toBe(true);
  });
});
