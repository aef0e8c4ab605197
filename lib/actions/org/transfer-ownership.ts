"use server";

import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { memberships } from "@/db/schema";
import { getMember } from "@/lib/data/members";
import { tellUser } from "@/lib/data/member-notices";
import { orgRef } from "@/lib/validation/org";
import { ActionError, NotFoundError } from "../result";
import { orgAction } from "../safe-action";

const Input = z.object({ ...orgRef, userId: z.uuid({ error: "Choose the new owner." }) });

/**
 * The only way the owner role moves (SPEC §2). The org row is locked by the wrapper, and the old
 * owner is demoted before the new one is promoted, so the one-owner index holds at every step.
 */
export const transferOwnershipAction = orgAction(Input, "org.transfer", async (input, { tx, user, org, auditOrg }) => {
  if (org.kind !== "team") throw new ActionError("A personal workspace cannot change owner.");
  if (input.userId === user.id) throw new ActionError("You already own this organization.");
  const target = await getMember(tx, org.id, input.userId);
  if (!target) throw new NotFoundError("Member not found.");
  await tx.update(memberships).set({ role: "admin" }).where(and(eq(memberships.orgId, org.id), eq(memberships.userId, user.id)));
  await tx.update(memberships).set({ role: "owner" }).where(and(eq(memberships.orgId, org.id), eq(memberships.userId, target.id)));
  await auditOrg({
    action: "org.transfer", targetType: "user", targetId: target.id, targetLabel: target.username,
    before: { owner: user.username, [target.username]: target.role }, after: { owner: target.username, [user.username]: "admin" },
  });
  await tellUser(tx, target, {
    kind: "ownership.transferred",
    subject: `You now own ${org.displayName}`,
    text: `${user.username} transferred ownership of ${org.displayName} to you. They remain an admin.`,
    link: `/${org.slug}/settings`,
  });
  return { owner: target.id };
});
