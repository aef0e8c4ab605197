import "server-only";
import type { Executor } from "@/db/client";
import { enqueueEmail } from "@/lib/mail/outbox";
import { notify } from "./notify";

/** SPEC §6: the same event as an e-mail (through the outbox) and an in-app notification. */
export async function tellUser(
  tx: Executor,
  to: { id: string; email: string },
  notice: { kind: string; subject: string; text: string; link?: string },
): Promise<void> {
  await enqueueEmail(tx, { to: to.email, subject: notice.subject, text: notice.link ? `${notice.text}\n\n${appUrl(notice.link)}\n` : notice.text });
  await notify(tx, to.id, { kind: notice.kind, title: notice.subject, body: notice.text, link: notice.link ?? null });
}

/** Absolute links come from configuration, never from the request's Host header. */
export function appUrl(path: string): string {
  const base = process.env.APP_BASE_URL || `http://localhost:${process.env.PORT || 3000}`;
  return new URL(path, base).toString();
}
