"use server";

import { eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password";
import { passwordHashOf } from "@/lib/data/users";
import { enqueueEmail } from "@/lib/mail/outbox";
import { emailChangeNoticeEmail } from "@/lib/mail/templates/account-link";
import { emailSchema, normalizeEmail } from "@/lib/validation/names";
import { fieldError } from "../result";
import { userAction } from "../safe-action";
import { throttleEmailLink } from "./throttle";
import { sendVerificationEmail } from "./verification-mail";

const Input = z.object({ email: emailSchema, currentPassword: z.string().min(1, "Enter your current password.").max(128) });

/**
 * The new address waits as `pending_email` until its link is opened: until then the old address
 * stays in force, so a typo or a stranger's address never takes over the account's mail.
 */
export const changeEmailAction = userAction(Input, async (input, { tx, user, audit }) => {
  if (!(await verifyPassword(await passwordHashOf(tx, user.id), input.currentPassword))) throw fieldError("currentPassword", "That is not your current password.");
  const email = normalizeEmail(input.email);
  if (email === normalizeEmail(user.email)) throw fieldError("email", "This is already your address.");
  // Whether another account has the address is not said here (it would tell who uses which
  // address); the link's owner learns it when verifying, which only they can.
  await throttleEmailLink("verify", { userId: user.id });
  await tx.update(users).set({ pendingEmail: email }).where(eq(users.id, user.id));
  await sendVerificationEmail(tx, user, email, { newAddress: true });
  if (user.emailVerifiedAt) await enqueueEmail(tx, emailChangeNoticeEmail({ to: user.email, username: user.username, newEmail: email }));
  await audit(null, { action: "user.email_change_request", targetType: "user", targetId: user.id, targetLabel: user.username, after: { pendingEmail: email } });
  return { pendingEmail: email };
});

/** Drops a pending change: the link already sent stops working. */
export const cancelEmailChangeAction = userAction(z.object({}), async (_input, { tx, user }) => {
  await tx.update(users).set({ pendingEmail: null }).where(eq(users.id, user.id));
  return { cancelled: true };
});
