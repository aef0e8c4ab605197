"use server";

import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { memberships, orgRole } from "@/db/schema";
import { canChangeRole, ROLE_LABELS } from "@/lib/authz/policy";
import { getMember } from "@/lib/data/members";
import { tellUser } from "@/lib/data/member-notices";
import { orgRef } from "@/lib/validation/org";
import { ForbiddenError, NotFoundError } from "../result";
import { orgAction } from "../safe-action";
import { uuidSchema } from "@/lib/validation/ids";

const Input = z.object({ ...orgRef, userId: uuidSchema("Member not found."), role: z.enum(orgRole.enumValues, { error: "Choose a role." }) });

export const changeRoleAction = orgAction(Input, "org.members", async (input, { tx, user, org, role, auditOrg }) => {
  const target = await getMember(tx, org.id, input.userId);
  if (!target) throw new NotFoundError("Member not found.");
  const check = canChangeRole({ id: user.id, role }, { id: target.id, role: target.role }, input.role);
  if (!check.ok) throw new ForbiddenError(check.why);
  if (target.role === input.role) return { role: input.role };
  await tx.update(memberships).set({ role: input.role }).where(and(eq(memberships.orgId, org.id), eq(memberships.userId, target.id)));
  await auditOrg({ action: "member.role", targetType: "user", targetId: target.id, targetLabel: target.username, before: { role: target.role }, after: { role: input.role } });
  await tellUser(tx, target, {
    kind: "role.changed",
    subject: `Your role in ${org.displayName} is now ${ROLE_LABELS[input.role]}`,
    text: `${user.username} changed your role in ${org.displayName} from ${ROLE_LABELS[target.role]} to ${ROLE_LABELS[input.role]}.`,
    link: `/${org.slug}`,
  });
  return { role: input.role };
});
