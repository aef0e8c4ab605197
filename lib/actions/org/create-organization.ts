"use server";

import { z } from "zod";
import { memberships, organizations, users } from "@/db/schema";
import { usernameOrSlugTaken } from "@/lib/data/users";
import {
  billingDetailsSchema, contactEmailSchema, descriptionSchema, displayNameSchema, orgSlugSchema, planSchema, seatsSchema,
} from "@/lib/validation/org";
import { eq } from "drizzle-orm";
import { UNVERIFIED_ORG_REFUSAL } from "../account/messages";
import { fieldError, ForbiddenError } from "../result";
import { userAction } from "../safe-action";

const Input = z.object({
  slug: orgSlugSchema,
  displayName: displayNameSchema,
  contactEmail: contactEmailSchema,
  description: descriptionSchema,
  billingDetails: billingDetailsSchema,
  plan: planSchema.default("free"),
  additionalSeats: seatsSchema.default(5),
});

export const createOrganizationAction = userAction(Input, async (input, { tx, user, audit }) => {
  // As on GitHub: an organization's owner must be reachable at a proven address (its notices,
  // its invitations' replies), so an unverified account keeps to its personal workspace.
  if (!user.emailVerifiedAt) throw new ForbiddenError(UNVERIFIED_ORG_REFUSAL);
  if (await usernameOrSlugTaken(tx, input.slug)) throw fieldError("slug", "This name is already taken by a user or an organization.");
  const [org] = await tx
    .insert(organizations)
    .values({
      slug: input.slug,
      kind: "team",
      displayName: input.displayName,
      contactEmail: input.contactEmail,
      description: input.description,
      billingDetails: input.billingDetails,
      plan: input.plan,
      additionalSeats: input.additionalSeats,
    })
    .returning();
  await tx.insert(memberships).values({ orgId: org.id, userId: user.id, role: "owner" });
  // SPEC §1: until the user stars a workspace, their first organization becomes the default.
  if (!user.defaultChosen && !user.defaultOrgId) {
    await tx.update(users).set({ defaultOrgId: org.id }).where(eq(users.id, user.id));
  }
  await audit(org.id, {
    action: "org.create",
    targetType: "organization",
    targetId: org.id,
    targetLabel: org.slug,
    after: { slug: org.slug, displayName: org.displayName, plan: org.plan, additionalSeats: org.additionalSeats },
  });
  return { slug: org.slug, redirectTo: `/${org.slug}` };
});
