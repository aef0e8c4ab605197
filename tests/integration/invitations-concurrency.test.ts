import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rows } from "@/db/client";
import type { Action } from "@/lib/actions/safe-action";
import { acceptInvitationAction } from "@/lib/actions/invitations/accept";
import { inviteAction } from "@/lib/actions/invitations/invite";
import { resendInvitationAction } from "@/lib/actions/invitations/resend";
import { revokeInvitationAction } from "@/lib/actions/invitations/revoke";
import { db, makeUser, makeWorld } from "../factories";
import { as, signInAs } from "../setup/session";
import { invitationRow, ok, tokenOf } from "./invitations-helpers";
import { POOL_SIZE, queuedBehind, secondConnection } from "./race-helpers";

const pg = secondConnection();

async function membershipsOf(orgId: string, userId: string): Promise<number> {
  const [{ n }] = await rows<{ n: number }>(
    await db(),
    sql`select count(*)::int as n from memberships where org_id = ${orgId}::uuid and user_id = ${userId}::uuid`,
  );
  return n;
}

describe("concurrent answers to one invitation", () => {
  it("20 concurrent accepts make exactly one membership; the other 19 are told the link was used", async () => {
    const w = await makeWorld();
    const invitee = await makeUser();
    signInAs(w.admin);
    const { invited } = ok(await inviteAction(null, { org: w.org.slug, invitees: invitee.email, role: "admin" }));
    const token = tokenOf(invited[0].link);
    // All 20 wait on the organization row before any of them runs: the race really happens.
    const { waiting, results } = await queuedBehind(pg, w.org.id, async () => {},
      Array.from({ length: 20 }, () => () => as(invitee, () => acceptInvitationAction(null, { token }))));
    expect(waiting).toBe(POOL_SIZE);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refusals = results.flatMap((r) => (r.ok ? [] : [`${r.status} ${r.error}`]));
    expect(new Set(refusals)).toEqual(new Set(["409 This invitation has already been used."]));
    expect(await membershipsOf(w.org.id, invitee.id)).toBe(1);
    const [{ n }] = await rows<{ n: number }>(
      await db(),
      sql`select count(*)::int as n from audit_events where org_id = ${w.org.id}::uuid and action = 'invitation.accept'`,
    );
    expect(n).toBe(1);
  });

  // Each order is forced (the second request starts once the first waits on the org row), so both
  // outcomes of the race are checked, not whichever one happened to win.
  for (const race of ["revoke", "resend"] as const) {
    for (const first of ["accept", race] as const) {
      it(`an accept racing a ${race}, ${first} first: one wins whole, the other is refused and changes nothing`, async () => {
        const w = await makeWorld();
        const invitee = await makeUser();
        signInAs(w.admin);
        const { invited } = ok(await inviteAction(null, { org: w.org.slug, invitees: invitee.username, role: "member" }));
        const token = tokenOf(invited[0].link);
        const adminAction = (race === "revoke" ? revokeInvitationAction : resendInvitationAction) as Action<unknown>;
        const accept = () => as(invitee, () => acceptInvitationAction(null, { token }));
        const byAdmin = () => as(w.admin, () => adminAction(null, { org: w.org.slug, invitationId: invited[0].id }));
        const { waiting, results } = await queuedBehind(pg, w.org.id, async () => {}, first === "accept" ? [accept, byAdmin] : [byAdmin, accept]);
        expect(waiting).toBe(2);
        const [accepted, other] = first === "accept" ? results : [results[1], results[0]];
        const state = [(await invitationRow(invited[0].id)).status, await membershipsOf(w.org.id, invitee.id)];
        if (first === "accept") {
          expect([accepted.ok, other.ok || other.status]).toEqual([true, 409]);
          expect(state).toEqual(["accepted", 1]);
        } else {
          // A revoked invitation is gone (410); a re-sent one's old link no longer exists (404).
          expect([accepted.ok || accepted.status, other.ok]).toEqual([race === "revoke" ? 410 : 404, true]);
          expect(state).toEqual([race === "revoke" ? "revoked" : "pending", 0]);
        }
      });
    }
  }
});
