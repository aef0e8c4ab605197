"use server";

import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { teamMembers, teamRole } from "@/db/schema";
import { getMember } from "@/lib/data/members";
import { teamInOrg, teamRoleOf } from "@/lib/data/teams";
import { orgRef } from "@/lib/validation/org";
import { ActionError, NotFoundError } from "../result";
import { orgAction } from "../safe-action";
import { requireTeamManager } from "./team-access";
import { uuidSchema } from "@/lib/validation/ids";

const Add = z.object({ ...orgRef, teamId: uuidSchema("Team not found."), userId: z.uuid({ error: "Choose a member." }), role: z.enum(teamRole.enumValues).default("member") });

/** Only organization members can be in a team: access through it then follows their membership. */
export const addTeamMemberAction = orgAction(Add, null, async (input, ctx) => {
  const team = await requireTeamManager(ctx.tx, ctx, input.teamId);
  const member = await getMember(ctx.tx, ctx.org.id, input.userId);
  if (!member) throw new NotFoundError("Member not found.");
  const existing = await teamRoleOf(ctx.tx, team.id, member.id);
  if (existing === input.role) return { userId: member.id };
  if (existing) {
    await ctx.tx.update(teamMembers).set({ role: input.role }).where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.userId, member.id)));
  } else {
    await ctx.tx.insert(teamMembers).values({ teamId: team.id, userId: member.id, role: input.role });
  }
  await ctx.auditOrg({
    action: existing ? "team.member.role" : "team.member.add", targetType: "team", targetId: team.id,
    targetLabel: `${team.name} / ${member.username}`, before: existing ? { role: existing } : null, after: { role: input.role },
  });
  return { userId: member.id };
});

const Remove = z.object({ ...orgRef, teamId: uuidSchema("Team not found."), userId: uuidSchema("Member not found.") });

/** Managers remove anyone; every team member may leave on their own. */
export const removeTeamMemberAction = orgAction(Remove, null, async (input, ctx) => {
  const self = input.userId === ctx.user.id;
  const team = self ? await requireSelfInTeam(ctx, input.teamId) : await requireTeamManager(ctx.tx, ctx, input.teamId);
  const role = await teamRoleOf(ctx.tx, team.id, input.userId);
  if (!role) throw new NotFoundError("This person is not in the team.");
  await ctx.tx.delete(teamMembers).where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.userId, input.userId)));
  const member = await getMember(ctx.tx, ctx.org.id, input.userId);
  await ctx.auditOrg({
    action: self ? "team.member.leave" : "team.member.remove", targetType: "team", targetId: team.id,
    targetLabel: `${team.name} / ${member?.username ?? input.userId}`, before: { role }, after: null,
  });
  return { userId: input.userId };
});

async function requireSelfInTeam(ctx: { tx: Parameters<typeof teamRoleOf>[0]; org: { id: string }; user: { id: string } }, teamId: string) {
  const team = await teamInOrg(ctx.tx, ctx.org.id, teamId);
  if (!team) throw new NotFoundError("Team not found.");
  if (!(await teamRoleOf(ctx.tx, team.id, ctx.user.id))) throw new ActionError("You are not in this team.", 404);
  return team;
}
