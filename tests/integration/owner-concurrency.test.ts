import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rows } from "@/db/client";
import { changeRoleAction } from "@/lib/actions/org/change-role";
import { removeMemberAction } from "@/lib/actions/org/remove-member";
import { transferOwnershipAction } from "@/lib/actions/org/transfer-ownership";
import { leaveOrganizationAction } from "@/lib/actions/org/leave-organization";
import { addMember, db, makeOrg, makeUser } from "../factories";
import { as } from "../setup/session";
import { POOL_SIZE, queuedBehind, secondConnection } from "./race-helpers";

const pg = secondConnection();

describe("the one-owner invariant under concurrent requests", () => {
  it("ends with exactly one owner and an audit log that tells one consistent story", async () => {
    const owner = await makeUser();
    const org = await makeOrg(owner);
    const admins = await Promise.all(Array.from({ length: 5 }, () => makeUser()));
    const members = await Promise.all(Array.from({ length: 6 }, () => makeUser()));
    for (const a of admins) await addMember(org, a, "admin");
    for (const m of members) await addMember(org, m, "member");
    const everyone = [owner, ...admins, ...members];

    // Everyone who might be owner at some point tries to hand ownership on, admins try to
    // demote and remove each other and the owner, and people leave, all at once.
    type Call = () => Promise<{ ok: boolean }>;
    const calls: Call[] = [];
    const transferCalls = new Set<Call>();
    for (let round = 0; round < 3; round++) {
      for (const [i, actor] of everyone.entries()) {
        const next = everyone[(i + 1 + round) % everyone.length];
        const transfer = () => as(actor, () => transferOwnershipAction(null, { org: org.slug, userId: next.id }));
        calls.push(transfer);
        transferCalls.add(transfer);
        calls.push(() => as(actor, () => changeRoleAction(null, { org: org.slug, userId: next.id, role: "member" })));
      }
      for (const a of admins) calls.push(() => as(a, () => removeMemberAction(null, { org: org.slug, userId: owner.id })));
      calls.push(() => as(members[round], () => leaveOrganizationAction(null, { org: org.slug })));
      calls.push(() => as(admins[round], () => removeMemberAction(null, { org: org.slug, userId: members[5 - round].id })));
    }
    // Every call is queued behind one held lock before any runs, so they really race.
    const { waiting, results } = await queuedBehind(pg, org.id, async () => {}, calls);
    expect(waiting).toBe(POOL_SIZE);
    // Both outcomes happened: the first calls changed things that made later ones refuse.
    const succeeded = results.filter((r) => r.ok).length;
    expect(succeeded).toBeGreaterThan(0);
    expect(results.length - succeeded).toBeGreaterThan(0);

    const d = await db();
    const owners = await rows<{ user_id: string }>(d, sql`select user_id from memberships where org_id = ${org.id} and role = 'owner'`);
    expect(owners).toHaveLength(1);

    // Replaying the transfers in commit order must lead from the first owner to the current one.
    const transfers = await rows<{ before: { owner: string }; after: { owner: string } }>(
      d,
      sql`select before, after from audit_events where org_id = ${org.id} and action = 'org.transfer' order by created_at, id`,
    );
    const nameOf = new Map(everyone.map((u) => [u.id, u.username]));
    let current = owner.username;
    for (const t of transfers) {
      expect(t.before.owner).toBe(current);
      current = t.after.owner;
    }
    expect(current).toBe(nameOf.get(owners[0].user_id));
    const transfersOk = results.filter((r, i) => r.ok && transferCalls.has(calls[i])).length;
    expect(transfers.length).toBe(transfersOk);
    expect(transfersOk).toBeGreaterThan(0);

    // The owner was never removed, and every removal in the log is of someone now gone.
    const removed = await rows<{ target_id: string }>(d, sql`select target_id from audit_events where org_id = ${org.id} and action in ('member.remove', 'member.leave')`);
    const stillHere = new Set((await rows<{ user_id: string }>(d, sql`select user_id from memberships where org_id = ${org.id}`)).map((r) => r.user_id));
    for (const r of removed) expect(stillHere.has(r.target_id)).toBe(false);
  });
});
