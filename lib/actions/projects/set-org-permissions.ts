"use server";

import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { organizations, projects } from "@/db/schema";
import { orgRef } from "@/lib/validation/org";
import { baselineSchema, checkboxSchema } from "@/lib/validation/project";
import { ActionError } from "../result";
import { orgAction } from "../safe-action";

const Input = z.object({
  ...orgRef,
  baseline: baselineSchema,
  allowPublicProjects: checkboxSchema,
  externalCollaborators: checkboxSchema,
  deployForWrite: checkboxSchema,
  predictForRead: checkboxSchema,
});

/** SPEC §3 org-wide switches. Forbidding public projects turns the existing ones organization-only. */
export const setOrgPermissionsAction = orgAction(Input, "org.settings", async (input, { tx, org, auditOrg }) => {
  if (org.kind !== "team") throw new ActionError("A personal workspace has no organization permissions.");
  const [before] = await tx
    .select({
      baseline: organizations.baseline, allowPublicProjects: organizations.allowPublicProjects,
      externalCollaborators: organizations.externalCollaborators, deployForWrite: organizations.deployForWrite,
      predictForRead: organizations.predictForRead,
    })
    .from(organizations)
    .where(eq(organizations.id, org.id));
  const after = {
    baseline: input.baseline, allowPublicProjects: input.allowPublicProjects, externalCollaborators: input.externalCollaborators,
    deployForWrite: input.deployForWrite, predictForRead: input.predictForRead,
  };
  const changed = (Object.keys(after) as (keyof typeof after)[]).some((k) => after[k] !== before[k]);
  if (!changed) return { changed: false, unpublished: 0 };
  await tx.update(organizations).set(after).where(eq(organizations.id, org.id));
  let unpublished = 0;
  if (!after.allowPublicProjects && before.allowPublicProjects) {
    const rows = await tx
      .update(projects)
      .set({ visibility: "organization", updatedAt: sql`now()` })
      .where(and(eq(projects.orgId, org.id), eq(projects.visibility, "public")))
      .returning({ id: projects.id });
    unpublished = rows.length;
  }
  await auditOrg({
    action: "org.permissions", targetType: "organization", targetId: org.id, targetLabel: org.slug,
    before, after: unpublished ? { ...after, publicProjectsMadeOrganization: unpublished } : after,
  });
  return { changed: true, unpublished };
});
