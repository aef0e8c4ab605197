"use server";

import { eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { endSessions } from "@/lib/auth/sessions";
import { passwordHashOf } from "@/lib/data/users";
import { passwordSchema } from "@/lib/validation/names";
import { fieldError } from "./result";
import { userAction } from "./safe-action";

const Input = z.object({ currentPassword: z.string().min(1, "Enter your current password."), newPassword: passwordSchema });

// Whoever knew the old password may hold a session: a change signs out every other browser.
export const changePasswordAction = userAction(Input, async (input, { tx, user, sessionId, audit }) => {
  if (!(await verifyPassword(await passwordHashOf(tx, user.id), input.currentPassword))) throw fieldError("currentPassword", "That is not your current password.");
  await tx.update(users).set({ passwordHash: await hashPassword(input.newPassword) }).where(eq(users.id, user.id));
  await endSessions(tx, user.id, { except: sessionId });
  await audit(null, { action: "user.password", targetType: "user", targetId: user.id, targetLabel: user.username });
  return { changed: true };
});
