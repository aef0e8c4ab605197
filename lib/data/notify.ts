import "server-only";
import type { Executor } from "@/db/client";
import { notifications } from "@/db/schema";

export interface NewNotification {
  kind: string;
  title: string;
  body?: string;
  link?: string | null;
  invitationId?: string | null;
}

/** An in-app notification, written in the caller's transaction with the change it reports. */
export async function notify(tx: Executor, userId: string, n: NewNotification): Promise<void> {
  await tx.insert(notifications).values({
    userId,
    kind: n.kind,
    title: n.title,
    body: n.body ?? "",
    link: n.link ?? null,
    invitationId: n.invitationId ?? null,
  });
}
