"use server";

import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { notifications } from "@/db/schema";
import { NotFoundError } from "../result";
import { userAction } from "../safe-action";
import { uuidSchema } from "@/lib/validation/ids";

const Input = z.object({ notificationId: uuidSchema("Notification not found.") });

export const markNotificationReadAction = userAction(Input, async ({ notificationId }, { tx, user }) => {
  // Someone else's notification answers like a missing one.
  const [row] = await tx
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, notificationId), eq(notifications.userId, user.id)))
    .returning({ id: notifications.id });
  if (!row) throw new NotFoundError("Notification not found.");
  return { id: row.id };
});

export const markAllNotificationsReadAction = userAction(z.object({}), async (_input, { tx, user }) => {
  const marked = await tx
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, user.id), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return { marked: marked.length };
});
