"use server";

import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { memberships, users } from "@/db/schema";
import { NotFoundError } from "./result";
import { userAction } from "./safe-action";
import { uuidSchema } from "@/lib/validation/ids";

const Input = z.object({ orgId: uuidSchema("Workspace not found.") });

/** The star in the switcher: the workspace opened after sign-in. */
export const setDefaultWorkspaceAction = userAction(Input, async ({ orgId }, { tx, user }) => {
  const [member] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, user.id)));
  if (!member) throw new NotFoundError("Workspace not found.");
  await tx.update(users).set({ defaultOrgId: orgId, defaultChosen: true }).where(eq(users.id, user.id));
  return { orgId };
});
