"use server";

import { z } from "zod";
import { endSession } from "@/lib/auth/sessions";
import { NotFoundError } from "../result";
import { userAction } from "../safe-action";

const Input = z.object({ sessionId: z.string().trim().uuid("Choose a session.") });

/** "Sign out" on one row of /settings/security: only ever one of the caller's own sessions. */
export const endSessionAction = userAction(Input, async (input, { tx, user, sessionId, audit }) => {
  // Someone else's session id gets the same answer as one that never existed.
  if (!(await endSession(tx, user.id, input.sessionId))) throw new NotFoundError("That session has already ended.");
  await audit(null, { action: "user.session-end", targetType: "session", targetId: input.sessionId, targetLabel: user.username });
  return input.sessionId === sessionId ? { redirectTo: "/signin" } : { ended: input.sessionId };
});
