"use server";

import { eq } from "drizzle-orm";
import { z } from "zod";
import { organizations } from "@/db/schema";
import { contactEmailSchema, descriptionSchema, displayNameSchema, orgRef } from "@/lib/validation/org";
import { ActionError } from "../result";
import { orgAction } from "../safe-action";

const Input = z.object({
  ...orgRef,
  displayName: displayNameSchema,
  contactEmail: contactEmailSchema,
  description: descriptionSchema,
});

export const updateOrganizationAction = orgAction(Input, "org.edit", async (input, { tx, org, auditOrg }) => {
  if (org.kind !== "team") throw new ActionError("A personal workspace has no organization settings.");
  const [before] = await tx
    .select({ displayName: organizations.displayName, contactEmail: organizations.contactEmail, description: organizations.description })
    .from(organizations)
    .where(eq(organizations.id, org.id));
  const after = { displayName: input.displayName, contactEmail: input.contactEmail, description: input.description };
  await tx.update(organizations).set(after).where(eq(organizations.id, org.id));
  await auditOrg({ action: "org.update", targetType: "organization", targetId: org.id, targetLabel: org.slug, before, after });
  return after;
});
