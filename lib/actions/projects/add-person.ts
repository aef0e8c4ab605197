"use server";

import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { organizations, projectGrants } from "@/db/schema";
import { orgAllows } from "@/lib/authz/policy";
import { tellUser } from "@/lib/data/member-notices";
import { findUserById, findUserByUsername, orgRoleOf } from "@/lib/data/project-writes";
import { levelSchema } from "@/lib/validation/project";
import { fieldError } from "../result";
import { projectAction } from "../safe-action";
import { projectRef } from "./project-ref";

const Input = z
  .object({
    ...projectRef,
    userId: z.uuid({ error: "Choose a person to add." }).optional().or(z.literal("").transform(() => undefined)),
    username: z.string().trim().max(64).optional().transform((v) => v || undefined),
    level: levelSchema,
  })
  .refine((v) => v.userId || v.username, { message: "Choose a person to add.", path: ["person"] });

/** SPEC §3: a direct grant to an org member (or an external collaborator where allowed), with e-mail and notification. */
export const addPersonAction = projectAction(Input, "project.people", async (input, { tx, user, access, auditProject }) => {
  const { project, org } = access;
  const target = input.userId ? await findUserById(tx, input.userId) : await findUserByUsername(tx, input.username!);
  if (!target) throw fieldError("person", input.username ? `No user is called “${input.username}”.` : "Choose a person to add.");
  const role = await orgRoleOf(tx, org.id, target.id);
  if (org.kind === "personal" && role === "owner") {
    throw fieldError("person", target.id === user.id ? "You own this workspace and already have admin access." : "The workspace owner already has admin access.");
  }
  if (org.kind === "team") {
    if (orgAllows(role, "project.all")) {
      throw fieldError("person", `${target.username} is an organization ${role} and already has admin access to every project.`);
    }
    const [settings] = await tx.select({ external: organizations.externalCollaborators }).from(organizations).where(eq(organizations.id, org.id));
    if (!role && !settings.external) {
      throw fieldError("person", `${target.username} is not a member of ${org.displayName}, and this organization does not allow external collaborators.`);
    }
  }
  const [existing] = await tx
    .select({ id: projectGrants.id })
    .from(projectGrants)
    .where(and(eq(projectGrants.projectId, project.id), eq(projectGrants.userId, target.id)));
  if (existing) throw fieldError("person", `${target.username} already has a direct grant: change its level in the list.`);
  const [grantRow] = await tx.insert(projectGrants).values({ projectId: project.id, userId: target.id, level: input.level }).returning({ id: projectGrants.id });
  const external = !role || (org.kind === "personal" && role !== "owner");
  await auditProject({
    action: "project.grant.add", targetType: "user", targetId: target.id, targetLabel: target.username,
    before: null, after: { project: project.name, projectId: project.id, level: input.level, external },
  });
  await tellUser(tx, target, {
    kind: "project.added",
    subject: `You were added to the project ${project.name}`,
    text: `${user.username} gave you ${input.level} access to the project ${project.name} in ${org.displayName}.`,
    link: `/${org.slug}/${project.slug}`,
  });
  return { grantId: grantRow.id, userId: target.id };
});
