import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { rows, type Tx } from "@/db/client";
import { notifications, users } from "@/db/schema";
import type { SignedInUser } from "@/lib/data/users";
import { invitationIsFor, invitationIsForVerified, invitationState, inviteeLabel, loadInvitation, type InvitationRef, type InvitationView } from "@/lib/data/invitations";
import { ActionError, ForbiddenError, NotFoundError } from "../result";
import { uuidSchema } from "@/lib/validation/ids";
import { notifyInvitationsToVerifiedAddress } from "./deliver";

/** Answered from the e-mail link (token) or from /notifications (id of an invitation notified to the user). */
export const RespondInput = z.object({
  token: z.string().trim().max(200).optional(),
  invitationId: uuidSchema("Not found").optional(),
});

export const UNKNOWN_INVITATION =
  "This invitation link is not valid. It may be mistyped, or replaced by a newer invitation: ask an admin of the organization to send you a new one.";

function refOf(input: z.output<typeof RespondInput>): InvitationRef {
  if (input.token) return { token: input.token };
  if (input.invitationId) return { id: input.invitationId };
  throw new NotFoundError(UNKNOWN_INVITATION);
}

function formatDay(date: Date): string {
  return date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}

/** Why a visitor cannot answer this invitation (any more), with the next step. */
export function refusalFor(inv: InvitationView, user: Pick<SignedInUser, "email" | "username">): ActionError | null {
  const ask = `Ask an admin of ${inv.orgName} to re-send it.`;
  switch (invitationState(inv)) {
    case "accepted":
      return new ActionError("This invitation has already been used.", 409);
    case "declined":
      return new ActionError(`This invitation was declined. ${ask}`, 409);
    case "revoked":
      return new ActionError(`This invitation was withdrawn by ${inv.orgName}. ${ask}`, 410);
    case "expired":
      return new ActionError(`This invitation expired on ${formatDay(inv.expiresAt)}. ${ask}`, 410);
  }
  if (!invitationIsFor(inv, user)) {
    return new ForbiddenError(`This invitation is for ${inviteeLabel(inv)}, and you are signed in as ${user.username}. Sign in with that account to answer it.`);
  }
  return null;
}

/**
 * The invitation the signed-in user answers, locked. The organization row is locked first, in
 * the same order as the admins' actions (org, then invitation), so that accepting, revoking and
 * re-sending one invitation at once cannot deadlock; concurrent accepts queue on that lock and
 * every one after the first finds the invitation used.
 */
export async function lockInvitationToAnswer(tx: Tx, user: SignedInUser, input: z.output<typeof RespondInput>): Promise<InvitationView> {
  const ref = refOf(input);
  if ("id" in ref) {
    // By id only from the user's own notification about it: the id alone proves nothing.
    const [own] = await tx
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.userId, user.id), eq(notifications.invitationId, ref.id)))
      .limit(1);
    if (!own) throw new NotFoundError("Invitation not found.");
  }
  const peek = await loadInvitation(tx, ref);
  if (!peek) throw new NotFoundError(UNKNOWN_INVITATION);
  await rows(tx, sql`select id from organizations where id = ${peek.orgId}::uuid for update`);
  // Read again under the lock: a re-send may have replaced the token meanwhile.
  const inv = await loadInvitation(tx, ref, { lock: true });
  if (!inv) throw new NotFoundError(UNKNOWN_INVITATION);
  const refusal = refusalFor(inv, user);
  if (refusal) throw refusal;
  if ("id" in ref && !invitationIsForVerified(inv, user)) {
    // The squatter's way in: an account that only claims the invited address. Without the link,
    // only a verified address proves it is the person invited.
    throw new ForbiddenError(`Verify your e-mail address ${inv.email} to answer this invitation here, or open the link in the invitation e-mail.`);
  }
  if ("token" in ref && inv.email && !user.emailVerifiedAt) {
    // The link reached this address's inbox and its owner is signed in: that proves the address.
    await tx.update(users).set({ emailVerifiedAt: sql`now()` }).where(and(eq(users.id, user.id), sql`lower(${users.email}) = ${inv.email}`));
    await notifyInvitationsToVerifiedAddress(tx, user.id, inv.email, { except: inv.id });
  }
  return inv;
}

/** An answered invitation needs no more attention in the invitee's notification list. */
export async function markInvitationNotificationsRead(tx: Tx, userId: string, invitationId: string): Promise<void> {
  await tx
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, userId), eq(notifications.invitationId, invitationId), isNull(notifications.readAt)));
}
