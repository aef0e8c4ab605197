"use server";

import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { invitations } from "@/db/schema";
import { inviteeLabel, loadInvitation } from "@/lib/data/invitations";
import { orgRef } from "@/lib/validation/org";
import { ActionError, NotFoundError } from "../result";
import { orgAction } from "../safe-action";
import { uuidSchema } from "@/lib/validation/ids";

const Input = z.object({ ...orgRef, invitationId: uuidSchema("Invitation not found.") });

export const revokeInvitationAction = orgAction(Input, "org.invite", async (input, { tx, org, auditOrg }) => {
  // Scoped to this org: another org's invitation id answers "not found", like a missing one.
  const inv = await loadInvitation(tx, { id: input.invitationId }, { lock: true, orgId: org.id });
  if (!inv) throw new NotFoundError("Invitation not found.");
  if (inv.status !== "pending") throw new ActionError(`This invitation was already ${inv.status}.`, 409);
  await tx.update(invitations).set({ status: "revoked", respondedAt: sql`now()` }).where(eq(invitations.id, inv.id));
  await auditOrg({
    action: "invitation.revoke",
    targetType: "invitation",
    targetId: inv.id,
    targetLabel: inviteeLabel(inv),
    before: { status: "pending", role: inv.role },
    after: { status: "revoked" },
  });
  return { revoked: inv.id };
});
