import type { Metadata } from "next";
import { CreateTeamForm } from "@/components/teams/create-team-form";
import { TeamCard } from "@/components/teams/team-card";
import { Notice, Section } from "@/components/ui/notice";
import { ORG_ACTIONS, orgAllows } from "@/lib/authz/policy";
import { Pager } from "@/components/ui/pager";
import { cursorFrom } from "@/lib/validation/cursor";
import { listTeams } from "@/lib/data/teams";
import { isUuid } from "@/lib/validation/ids";
import { queryParam } from "@/lib/validation/query";
import { settingsContext } from "../org-context";

export const metadata: Metadata = { title: "Teams" };

type Props = { params: Promise<{ workspace: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TeamsPage({ params, searchParams }: Props) {
  const [{ workspace }, search] = await Promise.all([params, searchParams]);
  const { user, org, role } = await settingsContext(workspace);
  const cursor = cursorFrom(search, "cursor");
  // "Show all members" of one team: any other value names no team of this page.
  const expandParam = queryParam(search, "team", 36);
  const expand = expandParam && isUuid(expandParam) ? expandParam : null;
  const teams = await listTeams(org.id, { cursor, viewerId: user.id, expand });
  const orgManager = orgAllows(role, "org.members");
  return (
    <div className="space-y-6">
      <Section title="Teams" description="Grant a team a level on a project and every member has it, now and later. Access through a team ends when someone leaves it.">
        {orgManager ? <CreateTeamForm org={org.slug} /> : <Notice>{ORG_ACTIONS["org.members"].why} Team owners manage their own team.</Notice>}
      </Section>
      {teams.items.length === 0 ? <p className="text-sm text-slate-600">{teams.paged ? "No teams on this page." : "No teams yet."}</p> : null}
      <div className="grid gap-4 lg:grid-cols-2">
        {teams.items.map((team) => (
          <TeamCard
            key={team.id}
            org={org.slug}
            team={team}
            viewerId={user.id}
            canManage={orgManager || team.viewerRole === "owner"}
            showAllHref={`/${org.slug}/settings/teams?${new URLSearchParams({ ...(cursor ? { cursor } : {}), team: team.id })}`}
          />
        ))}
      </div>
      <Pager path={`/${org.slug}/settings/teams`} links={teams} param="cursor" query={{}} noun="teams" />
    </div>
  );
}
