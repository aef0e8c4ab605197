"use server";

import { eq } from "drizzle-orm";
import { z } from "zod";
import { organizations } from "@/db/schema";
import { seatUsage } from "@/lib/data/seats";
import { billingDetailsSchema, orgRef, planSchema, seatsSchema } from "@/lib/validation/org";
import { ActionError, fieldError } from "../result";
import { orgAction } from "../safe-action";

const Input = z.object({ ...orgRef, plan: planSchema, additionalSeats: seatsSchema, billingDetails: billingDetailsSchema });

export const updateBillingAction = orgAction(Input, "org.billing", async (input, { tx, org, auditOrg }) => {
  if (org.kind !== "team") throw new ActionError("A personal workspace has no plan to manage.");
  const usage = await seatUsage(tx, org.id);
  if (1 + input.additionalSeats < usage.used) {
    throw fieldError(
      "additionalSeats",
      `${usage.used} seats are in use (${usage.members} members, ${usage.pending} pending invitations): keep at least ${usage.used - 1} additional seats, or remove people first.`,
    );
  }
  const [before] = await tx
    .select({ plan: organizations.plan, additionalSeats: organizations.additionalSeats, billingDetails: organizations.billingDetails })
    .from(organizations)
    .where(eq(organizations.id, org.id));
  const after = { plan: input.plan, additionalSeats: input.additionalSeats, billingDetails: input.billingDetails };
  await tx.update(organizations).set(after).where(eq(organizations.id, org.id));
  await auditOrg({ action: "org.billing", targetType: "organization", targetId: org.id, targetLabel: org.slug, before, after });
  return after;
});
