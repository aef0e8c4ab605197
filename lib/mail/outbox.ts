import "server-only";
import type { Executor } from "@/db/client";
import { emailOutbox } from "@/db/schema";

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/**
 * Queue an e-mail in the caller's transaction: it is sent only if the change that caused it
 * commits, and a crash after the commit leaves it in the outbox for the sender to deliver.
 */
export async function enqueueEmail(tx: Executor, message: OutgoingEmail): Promise<string> {
  const [row] = await tx
    .insert(emailOutbox)
    .values({ to: message.to, subject: message.subject, text: message.text, html: message.html ?? null })
    .returning({ id: emailOutbox.id });
  return row.id;
}
