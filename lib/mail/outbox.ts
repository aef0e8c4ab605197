import "server-only";
import { randomUUID } from "node:crypto";
import type { Executor } from "@/db/client";
import { emailOutbox } from "@/db/schema";
import { sealToken } from "@/lib/crypto/sealed-token";
import { TOKEN_SLOT } from "./link-slot";

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/**
 * Queue an e-mail in the caller's transaction: it is sent only if the change that caused it
 * commits, and a crash after the commit leaves it in the outbox for the sender to deliver.
 *
 * A message carrying a link token is written with TOKEN_SLOT where the token goes, and the token
 * itself only sealed: the sender fills the slot at send time and then forgets the seal.
 */
export async function enqueueEmail(tx: Executor, message: OutgoingEmail, secret?: { token: string }): Promise<string> {
  if (secret && !message.text.includes(TOKEN_SLOT)) throw new Error("An e-mail with a link token must show it: its text has no token slot.");
  const id = randomUUID();
  await tx.insert(emailOutbox).values({
    id,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html ?? null,
    sealedToken: secret ? sealToken(secret.token, id) : null,
  });
  return id;
}
