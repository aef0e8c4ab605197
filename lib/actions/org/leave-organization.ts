"use server";

import { z } from "zod";
import { endMembership } from "@/lib/data/members";
import { orgRef } from "@/lib/validation/org";
import { ActionError } from "../result";
import { orgAction } from "../safe-action";

const Input = z.object(orgRef);

export const leaveOrganizationAction = orgAction(Input, null, async (_input, { tx, user, org, role, auditOrg }) => {
  if (org.kind !== "team") throw new ActionError("You cannot leave your personal workspace.");
  if (role === "owner") {
    throw new ActionError("The owner cannot leave: transfer ownership to another member first, or delete the organization if you are its only member.", 409);
  }
  const removed = await endMembership(tx, org.id, user.id);
  await auditOrg({ action: "member.leave", targetType: "user", targetId: user.id, targetLabel: user.username, before: { role, projectGrants: removed.grants, teams: removed.teams } });
  return { redirectTo: "/" };
});
