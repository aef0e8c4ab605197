"use server";

import { and, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { teams } from "@/db/schema";
import { orgRef, teamNameSchema } from "@/lib/validation/org";
import { fieldError } from "../result";
import { orgAction } from "../safe-action";
import { requireTeamManager } from "./team-access";
import { uuidSchema } from "@/lib/validation/ids";

const Rename = z.object({ ...orgRef, teamId: uuidSchema("Team not found."), name: teamNameSchema });

export const renameTeamAction = orgAction(Rename, null, async (input, ctx) => {
  const team = await requireTeamManager(ctx.tx, ctx, input.teamId);
  const [clash] = await ctx.tx
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.orgId, ctx.org.id), ne(teams.id, team.id), sql`lower(${teams.name}) = lower(${input.name})`));
  if (clash) throw fieldError("name", "A team with this name already exists.");
  await ctx.tx.update(teams).set({ name: input.name }).where(eq(teams.id, team.id));
  await ctx.auditOrg({ action: "team.rename", targetType: "team", targetId: team.id, targetLabel: input.name, before: { name: team.name }, after: { name: input.name } });
  return { id: team.id };
});

const Delete = z.object({ ...orgRef, teamId: uuidSchema("Team not found.") });

/** The team's project grants go with it (foreign keys cascade). */
export const deleteTeamAction = orgAction(Delete, null, async (input, ctx) => {
  const team = await requireTeamManager(ctx.tx, ctx, input.teamId);
  await ctx.tx.delete(teams).where(eq(teams.id, team.id));
  await ctx.auditOrg({ action: "team.delete", targetType: "team", targetId: team.id, targetLabel: team.name, before: { name: team.name } });
  return { id: team.id };
});
