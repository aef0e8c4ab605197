import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rows } from "@/db/client";
import { hashPassword } from "@/lib/auth/password";
import type { ActionResult } from "@/lib/actions/result";
import { inviteAction } from "@/lib/actions/invitations/invite";
import { changeRoleAction } from "@/lib/actions/org/change-role";
import { deleteAccount } from "@/lib/actions/delete-account";
import { deleteOrganizationAction } from "@/lib/actions/org/delete-organization";
import { removeMemberAction } from "@/lib/actions/org/remove-member";
import { transferOwnershipAction } from "@/lib/actions/org/transfer-ownership";
import { addMember, db, makeUser, makeWorld, roleOf, unique } from "../factories";
import { as } from "../setup/session";
import { holdOrgRow, POOL_SIZE, queuedBehind, secondConnection, waitForLockWaiters } from "./race-helpers";

const pg = secondConnection();

/** What a user would read: "ok", or the status and message of the refusal. */
const answer = (r: ActionResult<unknown>) => (r.ok ? "ok" : `${r.status} ${r.error}`);

async function count(query: ReturnType<typeof sql>): Promise<number> {
  const [{ n }] = await rows<{ n: number }>(await db(), query);
  return n;
}

async function world() {
  const w = await makeWorld();
  const victim = await makeUser(unique("victim"));
  await addMember(w.org, victim, "member");
  const newcomer = await makeUser(unique("newcomer"));
  return { ...w, victim, newcomer };
}
type World = Awaited<ReturnType<typeof world>>;

/** Admin A's three requests of the attack: promote a member, invite an admin, remove a member. */
function adminRequests(w: World): (() => Promise<ActionResult<unknown>>)[] {
  return [
    () => as(w.admin, () => changeRoleAction(null, { org: w.org.slug, userId: w.member.id, role: "admin" })),
    () => as(w.admin, () => inviteAction(null, { org: w.org.slug, invitees: w.newcomer.email, role: "admin" })),
    () => as(w.admin, () => removeMemberAction(null, { org: w.org.slug, userId: w.victim.id })),
  ];
}

async function whatAdminWrote(w: World) {
  return {
    member: await roleOf(w.org.id, w.member.id),
    victim: await roleOf(w.org.id, w.victim.id),
    invitations: await count(sql`select count(*)::int as n from invitations where org_id = ${w.org.id}::uuid`),
    auditByAdmin: await count(sql`select count(*)::int as n from audit_events where actor_id = ${w.admin.id}::uuid`),
  };
}

describe("a request that waited for the organization lock acts on the role its caller has now", () => {
  it("control: with the lock held and nothing changed, admin A's three queued requests all go through", async () => {
    const w = await world();
    const { waiting, results } = await queuedBehind(pg, w.org.id, async () => {}, adminRequests(w));
    expect(waiting).toBe(3);
    expect(results.map(answer)).toEqual(["ok", "ok", "ok"]);
    expect(await whatAdminWrote(w)).toEqual({ member: "admin", victim: null, invitations: 1, auditByAdmin: 3 });
  });

  it("admin A removed while the requests waited: all three refused as for an outsider, nothing written, nothing audited under A", async () => {
    const w = await world();
    const { waiting, results } = await queuedBehind(
      pg,
      w.org.id,
      (tx) => tx`delete from memberships where org_id = ${w.org.id} and user_id = ${w.admin.id}`,
      adminRequests(w),
    );
    expect(waiting).toBe(3);
    expect(results.map(answer)).toEqual(Array(3).fill("404 Organization not found."));
    expect(await whatAdminWrote(w)).toEqual({ member: "member", victim: "member", invitations: 0, auditByAdmin: 0 });
  });

  it("admin A demoted to member while the requests waited: all three refused for the role, nothing written", async () => {
    const w = await world();
    const { waiting, results } = await queuedBehind(
      pg,
      w.org.id,
      (tx) => tx`update memberships set role = 'member' where org_id = ${w.org.id} and user_id = ${w.admin.id}`,
      adminRequests(w),
    );
    expect(waiting).toBe(3);
    expect(results.map(answer)).toEqual([
      "403 Only owners and admins can change roles, remove members or manage teams.",
      "403 Only owners and admins can invite people to the organization.",
      "403 Only owners and admins can change roles, remove members or manage teams.",
    ]);
    expect(await whatAdminWrote(w)).toEqual({ member: "member", victim: "member", invitations: 0, auditByAdmin: 0 });
  });
});

describe("an ex-owner's queued requests", () => {
  /** Ownership moves from the owner to the admin as the transfer action does it: demote, then promote. */
  const transferToAdmin = (w: World) => async (tx: Parameters<Parameters<typeof holdOrgRow>[2]>[0]) => {
    await tx`update memberships set role = 'admin' where org_id = ${w.org.id} and user_id = ${w.owner.id}`;
    await tx`update memberships set role = 'owner' where org_id = ${w.org.id} and user_id = ${w.admin.id}`;
  };

  it("control: the owner's queued delete goes through when ownership did not move", async () => {
    const w = await world();
    const { waiting, results } = await queuedBehind(pg, w.org.id, async () => {}, [
      () => as(w.owner, () => deleteOrganizationAction(null, { org: w.org.slug, confirm: w.org.slug })),
    ]);
    expect(waiting).toBe(1);
    expect(results.map(answer)).toEqual(["ok"]);
    expect(await count(sql`select count(*)::int as n from organizations where id = ${w.org.id}::uuid`)).toBe(0);
  });

  it("delete organization, queued while ownership was transferred away, is refused and the organization stays", async () => {
    const w = await world();
    const { waiting, results } = await queuedBehind(pg, w.org.id, transferToAdmin(w), [
      () => as(w.owner, (): Promise<ActionResult<unknown>> => deleteOrganizationAction(null, { org: w.org.slug, confirm: w.org.slug })),
      () => as(w.owner, () => transferOwnershipAction(null, { org: w.org.slug, userId: w.member.id })),
    ]);
    expect(waiting).toBe(2);
    expect(results.map(answer)).toEqual([
      "403 Only the organization owner can delete the organization.",
      "403 Only the organization owner can transfer ownership.",
    ]);
    expect(await count(sql`select count(*)::int as n from organizations where id = ${w.org.id}::uuid`)).toBe(1);
    expect([await roleOf(w.org.id, w.admin.id), await roleOf(w.org.id, w.owner.id), await roleOf(w.org.id, w.member.id)]).toEqual(["owner", "admin", "member"]);
    expect(await count(sql`select count(*)::int as n from audit_events where actor_id = ${w.owner.id}::uuid`)).toBe(0);
  });
});

describe("an account deletion queued behind an ownership transfer to that account", () => {
  async function adminWithPassword() {
    const w = await world();
    await (await db()).execute(sql`update users set password_hash = ${await hashPassword("the-password")} where id = ${w.admin.id}::uuid`);
    return w;
  }
  const deleteAdminsAccount = (w: World) => () =>
    as(w.admin, (): Promise<ActionResult<unknown>> => deleteAccount(null, { confirm: w.admin.username, password: "the-password" }));

  it("control: an admin's queued account deletion goes through, and the organization keeps its owner", async () => {
    const w = await adminWithPassword();
    const { waiting, results } = await queuedBehind(pg, w.org.id, async () => {}, [deleteAdminsAccount(w)]);
    expect(waiting).toBe(1);
    expect(results.map(answer)).toEqual(["ok"]);
    expect([await roleOf(w.org.id, w.owner.id), await roleOf(w.org.id, w.admin.id)]).toEqual(["owner", null]);
  });

  it("is refused once the transfer made them the owner of an organization with other members", async () => {
    const w = await adminWithPassword();
    const { waiting, results } = await queuedBehind(pg, w.org.id, async (tx) => {
      await tx`update memberships set role = 'admin' where org_id = ${w.org.id} and user_id = ${w.owner.id}`;
      await tx`update memberships set role = 'owner' where org_id = ${w.org.id} and user_id = ${w.admin.id}`;
    }, [deleteAdminsAccount(w)]);
    expect(waiting).toBe(1);
    expect(results.map(answer)).toEqual([`409 You own ${w.org.slug}, which other people belong to: transfer ownership first.`]);
    // The organization still has exactly one owner: the account was not deleted from under it.
    const owners = await rows<{ user_id: string }>(await db(), sql`select user_id from memberships where org_id = ${w.org.id}::uuid and role = 'owner'`);
    expect(owners.map((o) => o.user_id)).toEqual([w.admin.id]);
  });
});

describe("races between the app's own requests", () => {
  it("two admins firing 25 removals at each other: exactly one removal happens", async () => {
    const w = await world();
    const [a, b] = [w.admin, w.member];
    await (await db()).execute(sql`update memberships set role = 'admin' where org_id = ${w.org.id}::uuid and user_id = ${b.id}::uuid`);
    // The holder only makes every request queue, so they all start from the same state.
    const { waiting, results } = await queuedBehind(pg, w.org.id, async () => {},
      Array.from({ length: 25 }, () => [
        () => as(a, () => removeMemberAction(null, { org: w.org.slug, userId: b.id })),
        () => as(b, () => removeMemberAction(null, { org: w.org.slug, userId: a.id })),
      ]).flat(),
    );
    // The pool's connections all wait on the row lock; the other requests wait for a connection.
    expect(waiting).toBe(POOL_SIZE);
    const tally = new Map<string, number>();
    for (const r of results) tally.set(answer(r), (tally.get(answer(r)) ?? 0) + 1);
    // Both sides ran after the first removal committed: the winner's repeats find no one to
    // remove, the loser's find themselves outside the organization.
    expect(Object.fromEntries(tally)).toEqual({ ok: 1, "404 Member not found.": 24, "404 Organization not found.": 25 });
    const left = [await roleOf(w.org.id, a.id), await roleOf(w.org.id, b.id)].filter((r) => r !== null);
    expect(left).toEqual(["admin"]);
    expect(await count(sql`select count(*)::int as n from audit_events where org_id = ${w.org.id}::uuid and action = 'member.remove'`)).toBe(1);
  });

  it("five racing transfers: one succeeds, the others say why, never that a name is taken", async () => {
    const w = await world();
    const owner = w.owner;
    const heirs = await Promise.all(Array.from({ length: 5 }, () => makeUser()));
    for (const h of heirs) await addMember(w.org, h, "admin");
    const { waiting, results } = await queuedBehind(pg, w.org.id, async () => {},
      heirs.map((h) => () => as(owner, () => transferOwnershipAction(null, { org: w.org.slug, userId: h.id }))),
    );
    expect(waiting).toBe(5);
    const answers = results.map(answer);
    expect(answers.filter((a) => a === "ok")).toHaveLength(1);
    const refusals = answers.filter((a) => a !== "ok");
    expect(refusals).toHaveLength(4);
    for (const r of refusals) {
      expect(["403 Only the organization owner can transfer ownership.", "409 Ownership changed meanwhile; reload."]).toContain(r);
    }
    const winner = heirs[answers.indexOf("ok")];
    const owners = await rows<{ user_id: string }>(await db(), sql`select user_id from memberships where org_id = ${w.org.id}::uuid and role = 'owner'`);
    expect(owners.map((o) => o.user_id)).toEqual([winner.id]);
    expect(await roleOf(w.org.id, owner.id)).toBe("admin");
  });

  it("a transfer that collides with an ownership change made outside the organization lock says ownership changed, not that a name is taken", async () => {
    const w = await world();
    // A change that skips the org lock (say, by hand in SQL) still cannot make two owners: the
    // index refuses the transfer, and the user is told what happened.
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let markHeld!: () => void;
    const held = new Promise<void>((r) => (markHeld = r));
    const byHand = pg.begin(async (tx) => {
      await tx`update memberships set role = 'admin' where org_id = ${w.org.id} and user_id = ${w.owner.id}`;
      await tx`update memberships set role = 'owner' where org_id = ${w.org.id} and user_id = ${w.admin.id}`;
      markHeld();
      await released;
    });
    await held;
    const transfer = as(w.owner, () => transferOwnershipAction(null, { org: w.org.slug, userId: w.member.id }));
    expect(await waitForLockWaiters(pg, 1)).toBe(1);
    release();
    await byHand;
    expect(answer(await transfer)).toBe("409 Ownership changed meanwhile; reload.");
    expect([await roleOf(w.org.id, w.admin.id), await roleOf(w.org.id, w.owner.id), await roleOf(w.org.id, w.member.id)]).toEqual(["owner", "admin", "member"]);
  });
});
