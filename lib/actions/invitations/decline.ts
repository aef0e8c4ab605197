"use server";

import { eq, sql } from "drizzle-orm";
import { invitations } from "@/db/schema";
import { notify } from "@/lib/data/notify";
import { userAction } from "../safe-action";
import { lockInvitationToAnswer, markInvitationNotificationsRead, RespondInput } from "./respond";

export const declineInvitationAction = userAction(RespondInput, async (input, { tx, user, audit }) => {
  const inv = await lockInvitationToAnswer(tx, user, input);
  await tx.update(invitations).set({ status: "declined", respondedAt: sql`now()` }).where(eq(invitations.id, inv.id));
  await audit(inv.orgId, {
    action: "invitation.decline",
    targetType: "invitation",
    targetId: inv.id,
    targetLabel: user.username,
    before: { status: "pending" },
    after: { status: "declined", invitee: inv.email ?? inv.username },
  });
  await markInvitationNotificationsRead(tx, user.id, inv.id);
  // SPEC: declining tells the inviter.
  if (inv.invitedBy) {
    await notify(tx, inv.invitedBy, {
      kind: "invitation.declined",
      title: `${user.username} declined your invitation to ${inv.orgName}`,
      body: `${user.username} (invited as ${inv.email ?? inv.username}) declined to join ${inv.orgName}.`,
      link: `/${inv.orgSlug}/settings/people`,
    });
  }
  return { declined: true, org: inv.orgName };
});
