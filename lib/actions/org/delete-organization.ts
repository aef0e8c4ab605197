"use server";

import { eq } from "drizzle-orm";
import { z } from "zod";
import { organizations } from "@/db/schema";
import { orgRef } from "@/lib/validation/org";
import { ActionError, fieldError } from "../result";
import { orgAction } from "../safe-action";

const Input = z.object({ ...orgRef, confirm: z.string().trim().default("") });

export const deleteOrganizationAction = orgAction(Input, "org.delete", async (input, { tx, org, audit }) => {
  if (org.kind !== "team") throw new ActionError("A personal workspace is deleted with its account.");
  if (input.confirm.toLowerCase() !== org.slug.toLowerCase()) {
    throw fieldError("confirm", `Type “${org.slug}” to confirm.`);
  }
  // The org's own log goes with it; this entry, kept without an org, records who deleted it.
  await audit(null, { action: "org.delete", targetType: "organization", targetId: org.id, targetLabel: org.slug, before: { slug: org.slug, displayName: org.displayName } });
  await tx.delete(organizations).where(eq(organizations.id, org.id));
  return { redirectTo: "/" };
});
