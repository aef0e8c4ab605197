"use server";

import { eq } from "drizzle-orm";
import { z } from "zod";
import { invitations } from "@/db/schema";
import { findRegisteredInvitees, invitationState, inviteeLabel, loadInvitation } from "@/lib/data/invitations";
import { seatUsage } from "@/lib/data/seats";
import { mailSettings } from "@/lib/mail/settings";
import { orgRef } from "@/lib/validation/org";
import { ActionError, NotFoundError } from "../result";
import { orgAction } from "../safe-action";
import { sendInvitationNotices } from "./deliver";
import { limitInvitations } from "./rate-limit";
import { seatsRefusal } from "./seats-message";
import { invitationExpiry, newInvitationToken } from "./token";
import { uuidSchema } from "@/lib/validation/ids";

const Input = z.object({ ...orgRef, invitationId: uuidSchema("Invitation not found.") });

/** A new token and a new expiry: the old link stops working the moment this commits. */
export const resendInvitationAction = orgAction(Input, "org.invite", async (input, { tx, user, org, role, auditOrg }) => {
  const inv = await loadInvitation(tx, { id: input.invitationId }, { lock: true, orgId: org.id });
  if (!inv) throw new NotFoundError("Invitation not found.");
  if (inv.status !== "pending") throw new ActionError(`This invitation was already ${inv.status}; send a new one instead.`, 409);
  const [account] = await findRegisteredInvitees(tx, org.id, inv.email ? [inv.email] : [], inv.username ? [inv.username.toLowerCase()] : []);
  if (account?.member) throw new ActionError(`${account.username} is already a member of ${org.displayName}; revoke this invitation instead.`, 409);
  if (inv.username && !account) throw new ActionError(`The account ${inv.username} no longer exists; revoke this invitation instead.`, 409);
  // An expired invitation gave its seat back; re-sending takes one again.
  if (invitationState(inv) === "expired") {
    const seats = await seatUsage(tx, org.id);
    if (seats.used + 1 > seats.total) throw new ActionError(seatsRefusal(seats, 1, role), 409);
  }
  await limitInvitations(tx, org.id, user.id, 1);
  const { token, hash } = newInvitationToken();
  const expiresAt = invitationExpiry();
  await tx.update(invitations).set({ tokenHash: hash, expiresAt }).where(eq(invitations.id, inv.id));
  const link = await sendInvitationNotices(tx, {
    invitationId: inv.id, token, expiresAt, role: inv.role, org, inviter: user,
    email: inv.email ?? account!.email,
    registeredUserId: account && (inv.username || account.verified) ? account.id : null,
  });
  await auditOrg({
    action: "invitation.resend",
    targetType: "invitation",
    targetId: inv.id,
    targetLabel: inviteeLabel(inv),
    before: { expiresAt: inv.expiresAt.toISOString() },
    after: { expiresAt: expiresAt.toISOString() },
  });
  return { id: inv.id, invitee: inviteeLabel(inv), link, emailConfigured: !!mailSettings().smtpUrl };
});
