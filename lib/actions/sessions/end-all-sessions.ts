"use server";

import { z } from "zod";
import { endSessions } from "@/lib/auth/sessions";
import { userAction } from "../safe-action";

/** "Sign out everywhere": every session of the caller, this browser's included. */
export const endAllSessionsAction = userAction(z.object({}), async (_input, { tx, user, audit }) => {
  const ended = await endSessions(tx, user.id);
  await audit(null, { action: "user.sessions-end-all", targetType: "user", targetId: user.id, targetLabel: user.username, after: { ended } });
  return { redirectTo: "/signin", ended };
});
