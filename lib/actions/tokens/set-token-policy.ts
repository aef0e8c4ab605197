"use server";

import { eq } from "drizzle-orm";
import { z } from "zod";
import { organizations } from "@/db/schema";
import { orgRef } from "@/lib/validation/org";
import { checkboxSchema } from "@/lib/validation/project";
import { ActionError } from "../result";
import { orgAction } from "../safe-action";

const Input = z.object({ ...orgRef, allowApiTokens: checkboxSchema, allowNonExpiringTokens: checkboxSchema });

/** Whether tokens reach the organization at all, and whether they may never expire. Takes effect on every token's next call. */
export const setTokenPolicyAction = orgAction(Input, "org.settings", async (input, { tx, org, auditOrg }) => {
  if (org.kind !== "team") throw new ActionError("A personal workspace has no organization settings.");
  const [before] = await tx
    .select({ allowApiTokens: organizations.allowApiTokens, allowNonExpiringTokens: organizations.allowNonExpiringTokens })
    .from(organizations)
    .where(eq(organizations.id, org.id));
  const after = { allowApiTokens: input.allowApiTokens, allowNonExpiringTokens: input.allowNonExpiringTokens };
  if (before.allowApiTokens === after.allowApiTokens && before.allowNonExpiringTokens === after.allowNonExpiringTokens) return { changed: false };
  await tx.update(organizations).set(after).where(eq(organizations.id, org.id));
  await auditOrg({ action: "org.tokens", targetType: "organization", targetId: org.id, targetLabel: org.slug, before, after });
  return { changed: true };
});
