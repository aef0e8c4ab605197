import "server-only";
import type { Executor } from "@/db/client";
import { emailTokenTtlMs } from "@/lib/auth/token-ttl";
import { absoluteLink, TOKEN_SLOT } from "@/lib/mail/link-slot";
import { enqueueEmail } from "@/lib/mail/outbox";
import { verifyEmailEmail } from "@/lib/mail/templates/account-link";
import { issueEmailToken } from "./email-token";
import { verifyEmailPath } from "./messages";

/** Queues the verification link for `email` (the account's address or its pending new one). */
export async function sendVerificationEmail(tx: Executor, user: { id: string; username: string }, email: string, opts: { newAddress: boolean }) {
  const { token } = await issueEmailToken(tx, user.id, "verify_email", email);
  const message = verifyEmailEmail({
    to: email,
    username: user.username,
    link: absoluteLink(verifyEmailPath(TOKEN_SLOT)),
    ttlMs: emailTokenTtlMs("verify_email"),
    newAddress: opts.newAddress,
  });
  await enqueueEmail(tx, message, { token });
}
