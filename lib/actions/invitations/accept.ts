"use server";

import { eq, sql } from "drizzle-orm";
import { rows } from "@/db/client";
import { invitations, memberships } from "@/db/schema";
import { ROLE_LABELS } from "@/lib/authz/policy";
import { notify } from "@/lib/data/notify";
import { seatUsage } from "@/lib/data/seats";
import { ActionError } from "../result";
import { userAction } from "../safe-action";
import { lockInvitationToAnswer, markInvitationNotificationsRead, RespondInput } from "./respond";

/**
 * Not an orgAction: the invitee is not a member yet. The invitation row is the permission, and
 * it is locked, so twenty concurrent accepts make one membership (the primary key backs that up).
 */
export const acceptInvitationAction = userAction(RespondInput, async (input, { tx, user, audit }) => {
  const inv = await lockInvitationToAnswer(tx, user, input);
  const [existing] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(sql`${memberships.orgId} = ${inv.orgId}::uuid and ${memberships.userId} = ${user.id}::uuid`);
  if (!existing) {
    // This invitation already holds one of the counted seats; only a seat cut since then can refuse it.
    const seats = await seatUsage(tx, inv.orgId);
    if (seats.used > seats.total) {
      throw new ActionError(`${inv.orgName} has no free seat for you right now. Ask its owner to add seats, then accept again.`, 409);
    }
    await tx.insert(memberships).values({ orgId: inv.orgId, userId: user.id, role: inv.role });
  }
  await tx
    .update(invitations)
    .set({ status: "accepted", respondedAt: sql`now()`, acceptedBy: user.id })
    .where(eq(invitations.id, inv.id));
  // SPEC §1: the first organization joined becomes the default, until the user picks one.
  await rows(
    tx,
    sql`update users set default_org_id = ${inv.orgId}::uuid
        where id = ${user.id}::uuid and not default_chosen
          and not exists (select 1 from memberships m join organizations o on o.id = m.org_id
                          where m.user_id = ${user.id}::uuid and o.kind = 'team' and o.id <> ${inv.orgId}::uuid)
        returning id`,
  );
  await audit(inv.orgId, {
    action: "invitation.accept",
    targetType: "invitation",
    targetId: inv.id,
    targetLabel: user.username,
    before: { status: "pending" },
    after: { status: "accepted", role: existing ? existing.role : inv.role, invitee: inv.email ?? inv.username },
  });
  await markInvitationNotificationsRead(tx, user.id, inv.id);
  if (inv.invitedBy && inv.invitedBy !== user.id) {
    await notify(tx, inv.invitedBy, {
      kind: "invitation.accepted",
      title: `${user.username} joined ${inv.orgName}`,
      body: `${user.username} accepted your invitation and is now ${ROLE_LABELS[existing?.role ?? inv.role].toLowerCase()} of ${inv.orgName}.`,
      link: `/${inv.orgSlug}/settings/people`,
    });
  }
  return { org: inv.orgSlug, role: existing?.role ?? inv.role, redirectTo: `/${inv.orgSlug}` };
});
