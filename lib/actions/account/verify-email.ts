"use server";

import { and, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { organizations, users } from "@/db/schema";
import { normalizeEmail } from "@/lib/validation/names";
import { notifyInvitationsToVerifiedAddress } from "../invitations/deliver";
import { ActionError, ForbiddenError } from "../result";
import { userAction } from "../safe-action";
import { checkEmailToken, useEmailToken } from "./email-token";
import { VERIFY_REFUSALS } from "./messages";

const Input = z.object({ token: z.string().trim().max(200) });

/**
 * Signed in as the account the link was sent for: someone who signs up with a stranger's address
 * cannot get it verified by the stranger clicking a link they never asked for.
 */
export const verifyEmailAction = userAction(Input, async (input, { tx, user, audit }) => {
  const check = await checkEmailToken(tx, input.token, "verify_email");
  if (check.state !== "valid") throw new ActionError(VERIFY_REFUSALS[check.state], check.state === "unknown" ? 404 : 410);
  if (check.userId !== user.id) {
    throw new ForbiddenError(`This link verifies the address of another account, and you are signed in as ${user.username}. Sign in with that account, then open the link again.`);
  }
  const address = normalizeEmail(check.email);
  const isCurrent = normalizeEmail(user.email) === address;
  const isPending = !!user.pendingEmail && normalizeEmail(user.pendingEmail) === address;
  if (!isCurrent && !isPending) throw new ActionError("This link is for an address your account no longer uses.", 410);
  if (isPending) {
    const [other] = await tx.select({ id: users.id }).from(users).where(and(sql`lower(${users.email}) = ${address}`, ne(users.id, user.id)));
    if (other) throw new ActionError(`Another account uses ${address} now, so it cannot become yours.`, 409);
  }
  await useEmailToken(tx, check.id);
  await tx.update(users).set({ email: address, pendingEmail: null, emailVerifiedAt: sql`now()` }).where(eq(users.id, user.id));
  if (isPending) {
    await tx.update(organizations).set({ contactEmail: address }).where(eq(organizations.personalUserId, user.id));
  }
  await notifyInvitationsToVerifiedAddress(tx, user.id, address);
  await audit(null, {
    action: isPending ? "user.email_change" : "user.email_verify",
    targetType: "user",
    targetId: user.id,
    targetLabel: user.username,
    before: isPending ? { email: user.email } : { verified: false },
    after: isPending ? { email: address } : { verified: true },
  });
  return { email: address };
});
