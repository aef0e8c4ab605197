"use server";

import { z } from "zod";
import { ActionError } from "../result";
import { userAction } from "../safe-action";
import { throttleEmailLink } from "./throttle";
import { sendVerificationEmail } from "./verification-mail";

/** A new verification link for the address waiting to be verified (a pending new one first). */
export const resendVerificationAction = userAction(z.object({}), async (_input, { tx, user }) => {
  const address = user.pendingEmail ?? (user.emailVerifiedAt ? null : user.email);
  if (!address) throw new ActionError("Your e-mail address is already verified.", 409);
  await throttleEmailLink("verify", { userId: user.id });
  await sendVerificationEmail(tx, user, address, { newAddress: !!user.pendingEmail });
  return { sentTo: address };
});
