"use server";

import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { endSessions } from "@/lib/auth/sessions";
import { passwordSchema } from "@/lib/validation/names";
import { recordAudit } from "../audit";
import { ActionError } from "../result";
import { publicAction } from "../safe-action";
import { checkEmailToken, useEmailToken } from "./email-token";
import { RESET_REFUSALS } from "./messages";

const Input = z.object({ token: z.string().trim().max(200), password: passwordSchema });

export const resetPasswordAction = publicAction(Input, async (input, { tx }) => {
  const check = await checkEmailToken(tx, input.token, "reset_password");
  if (check.state !== "valid") throw new ActionError(RESET_REFUSALS[check.state], check.state === "unknown" ? 404 : 410);
  await useEmailToken(tx, check.id);
  const [user] = await tx
    .update(users)
    // The link reached the account's inbox: that proves the address too, as long as it is still its address.
    .set({ passwordHash: await hashPassword(input.password), emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, case when lower(${users.email}) = ${check.email.toLowerCase()} then now() end)` })
    .where(eq(users.id, check.userId))
    .returning({ id: users.id, username: users.username });
  if (!user) throw new ActionError(RESET_REFUSALS.unknown, 404);
  // Whoever made the reset necessary may hold a session: every browser signs in again.
  await endSessions(tx, user.id);
  await recordAudit(tx, null, user, { action: "user.password_reset", targetType: "user", targetId: user.id, targetLabel: user.username });
  return { username: user.username, redirectTo: "/signin?reset=1" };
});
