import type { Metadata } from "next";
import { CreateTeamForm } from "@/components/teams/create-team-form";
import { TeamCard } from "@/components/teams/team-card";
import { Notice, Section } from "@/components/ui/notice";
import { ORG_ACTIONS, orgAllows } from "@/lib/authz/policy";
import { peopleOverview } from "@/lib/data/members";
import { listTeams } from "@/lib/data/teams";
import { settingsContext } from "../org-context";

export const metadata: Metadata = { title: "Teams" };

export default async function TeamsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { user, org, role } = await settingsContext((await params).workspace);
  const [teams, { members }] = await Promise.all([listTeams(org.id), peopleOverview(org.id)]);
  const orgManager = orgAllows(role, "org.members");
  const candidates = members.map((m) => ({ id: m.id, username: m.username }));
  return (
    <div className="space-y-6">
      <Section title="Teams" description="Grant a team a level on a project and every member has it, now and later. Access through a team ends when someone leaves it.">
        {orgManager ? <CreateTeamForm org={org.slug} /> : <Notice>{ORG_ACTIONS["org.members"].why} Team owners manage their own team.</Notice>}
      </Section>
      {teams.length === 0 ? <p className="text-sm text-slate-600">No teams yet.</p> : null}
      <div className="grid gap-4 lg:grid-cols-2">
        {teams.map((team) => (
          <TeamCard
            key={team.id}
            org={org.slug}
            team={team}
            viewerId={user.id}
            canManage={orgManager || team.members.some((m) => m.id === user.id && m.role === "owner")}
            candidates={candidates}
          />
        ))}
      </div>
    </div>
  );
}
