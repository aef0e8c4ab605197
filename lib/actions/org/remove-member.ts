"use server";

import { z } from "zod";
import { canRemoveMember } from "@/lib/authz/policy";
import { endMembership, getMember } from "@/lib/data/members";
import { tellUser } from "@/lib/data/member-notices";
import { orgRef } from "@/lib/validation/org";
import { ForbiddenError, NotFoundError } from "../result";
import { orgAction } from "../safe-action";
import { uuidSchema } from "@/lib/validation/ids";

const Input = z.object({ ...orgRef, userId: uuidSchema("Member not found.") });

export const removeMemberAction = orgAction(Input, "org.members", async (input, { tx, user, org, role, auditOrg }) => {
  const target = await getMember(tx, org.id, input.userId);
  if (!target) throw new NotFoundError("Member not found.");
  const check = canRemoveMember({ id: user.id, role }, { id: target.id, role: target.role });
  if (!check.ok) throw new ForbiddenError(check.why);
  const removed = await endMembership(tx, org.id, target.id);
  await auditOrg({
    action: "member.remove", targetType: "user", targetId: target.id, targetLabel: target.username,
    before: { role: target.role, projectGrants: removed.grants, teams: removed.teams }, after: null,
  });
  await tellUser(tx, target, {
    kind: "member.removed",
    subject: `You were removed from ${org.displayName}`,
    text: `${user.username} removed you from the organization ${org.displayName}.`,
  });
  return { userId: target.id };
});
