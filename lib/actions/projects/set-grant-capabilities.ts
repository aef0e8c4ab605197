"use server";

import { eq } from "drizzle-orm";
import { z } from "zod";
import { projectGrants } from "@/db/schema";
import { fieldError } from "../result";
import { projectAction } from "../safe-action";
import { grantOfProject } from "./grant-lookup";
import { projectRef } from "./project-ref";
import { uuidSchema } from "@/lib/validation/ids";

// "inherit" = follow the org switch (null in the row). A missing field leaves that override as it is,
// so a form that shows only the deploy control never clears a predict override.
const override = z.enum(["on", "inherit"], { error: "Choose on or inherit." }).optional();

const Input = z.object({
  ...projectRef,
  grantId: uuidSchema("This access no longer exists."),
  canDeploy: override,
  canPredict: override,
});

const toColumn = (v: "on" | "inherit") => (v === "on" ? true : null);

/**
 * SPEC §3: switch deploy (for a write grant) or predict (for a read grant) back on for one person
 * or team when the organization has switched it off org-wide.
 */
export const setGrantCapabilitiesAction = projectAction(Input, "project.people", async (input, { tx, access, auditProject }) => {
  const { project } = access;
  const grant = await grantOfProject(tx, project.id, input.grantId);
  const [current] = await tx
    .select({ canDeploy: projectGrants.canDeploy, canPredict: projectGrants.canPredict })
    .from(projectGrants)
    .where(eq(projectGrants.id, grant.id));
  // Overrides only mean something on the level they lift: admins always deploy, writers always predict.
  if (input.canDeploy === "on" && grant.level !== "write") {
    throw fieldError("canDeploy", "Deploying can only be switched on for a grant with write access.");
  }
  if (input.canPredict === "on" && grant.level !== "read") {
    throw fieldError("canPredict", "Predicting can only be switched on for a grant with read access.");
  }
  const after = {
    canDeploy: input.canDeploy ? toColumn(input.canDeploy) : current.canDeploy,
    canPredict: input.canPredict ? toColumn(input.canPredict) : current.canPredict,
  };
  if (after.canDeploy === current.canDeploy && after.canPredict === current.canPredict) return { grantId: grant.id };
  await tx.update(projectGrants).set(after).where(eq(projectGrants.id, grant.id));
  await auditProject({
    action: "project.grant.capabilities", targetType: grant.userId ? "user" : "team",
    targetId: grant.userId ?? grant.teamId, targetLabel: grant.username ?? grant.teamName ?? "",
    before: { project: project.name, projectId: project.id, level: grant.level, ...current },
    after: { project: project.name, projectId: project.id, level: grant.level, ...after },
  });
  return { grantId: grant.id };
});
