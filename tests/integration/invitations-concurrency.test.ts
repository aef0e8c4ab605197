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
    signInAs(invitee);
    const results = await Promise.all(Array.from({ length: 20 }, () => acceptInvitationAction(null, { token })));
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

  it("an accept racing a revoke or a re-send ends one way or the other, never half", async () => {
    for (const race of ["revoke", "resend"] as const) {
      const w = await makeWorld();
      const invitee = await makeUser();
      signInAs(w.admin);
      const { invited } = ok(await inviteAction(null, { org: w.org.slug, invitees: invitee.username, role: "member" }));
      const token = tokenOf(invited[0].link);
      const adminAction = (race === "revoke" ? revokeInvitationAction : resendInvitationAction) as Action<unknown>;
      const [accepted, other] = await Promise.all([
        as(invitee, () => acceptInvitationAction(null, { token })),
        as(w.admin, () => adminAction(null, { org: w.org.slug, invitationId: invited[0].id })),
      ]);
      const status = (await invitationRow(invited[0].id)).status;
      const member = await membershipsOf(w.org.id, invitee.id);
      if (accepted.ok) {
        expect([status, member, other.ok]).toEqual(["accepted", 1, false]);
      } else {
        expect([status, member, other.ok]).toEqual([race === "revoke" ? "revoked" : "pending", 0, true]);
      }
    }
  });
});
