"use server";

import { sql } from "drizzle-orm";
import { z } from "zod";
import { users } from "@/db/schema";
import { emailTokenTtlMs } from "@/lib/auth/token-ttl";
import { absoluteLink, TOKEN_SLOT } from "@/lib/mail/link-slot";
import { enqueueEmail } from "@/lib/mail/outbox";
import { resetPasswordEmail } from "@/lib/mail/templates/account-link";
import { emailSchema } from "@/lib/validation/names";
import { publicAction } from "../safe-action";
import { issueEmailToken } from "./email-token";
import { RESET_SENT, resetPasswordPath } from "./messages";
import { countEmailLink } from "./throttle";

const Input = z.object({ email: emailSchema });

export const forgotPasswordAction = publicAction(Input, async (input, { tx }) => {
  const [user] = await tx.select({ id: users.id, username: users.username, email: users.email }).from(users).where(sql`lower(${users.email}) = ${input.email}`);
  if (user) {
    const { token } = await issueEmailToken(tx, user.id, "reset_password", user.email);
    const message = resetPasswordEmail({ to: user.email, username: user.username, link: absoluteLink(resetPasswordPath(TOKEN_SLOT)), ttlMs: emailTokenTtlMs("reset_password") });
    await enqueueEmail(tx, message, { token });
  }
  return { message: RESET_SENT };
}, { throttle: (input) => countEmailLink("reset", { email: input.email }) });
