"use server";

import { sql } from "drizzle-orm";
import { z } from "zod";
import { rows } from "@/db/client";
import { teams } from "@/db/schema";
import { orgRef, teamNameSchema } from "@/lib/validation/org";
import { fieldError } from "../result";
import { orgAction } from "../safe-action";

const Input = z.object({ ...orgRef, name: teamNameSchema, description: z.string().trim().max(500).default("") });

export const createTeamAction = orgAction(Input, "org.members", async (input, { tx, org, auditOrg }) => {
  const [clash] = await rows(tx, sql`select 1 from teams where org_id = ${org.id}::uuid and lower(name) = lower(${input.name})`);
  if (clash) throw fieldError("name", "A team with this name already exists.");
  const [team] = await tx.insert(teams).values({ orgId: org.id, name: input.name, description: input.description }).returning();
  await auditOrg({ action: "team.create", targetType: "team", targetId: team.id, targetLabel: team.name, after: { name: team.name } });
  return { id: team.id };
});
