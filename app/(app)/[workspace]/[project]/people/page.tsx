import { notFound } from "next/navigation";
import { AddPersonForm } from "@/components/projects/add-person-form";
import { AddTeamForm } from "@/components/projects/add-team-form";
import { CapabilityOverrides } from "@/components/projects/capability-overrides";
import { GrantControls } from "@/components/projects/grant-controls";
import { PeopleTable } from "@/components/projects/people-table";
import { buttonClass } from "@/components/ui/button-styles";
import { Notice, Section } from "@/components/ui/notice";
import { Pager } from "@/components/ui/pager";
import { PROJECT_ACTIONS, projectAllows } from "@/lib/authz/policy";
import { projectOwnAdminsOverview, projectPeopleOverview } from "@/lib/data/project-people";
import { cursorFrom } from "@/lib/validation/cursor";
import { queryParam } from "@/lib/validation/query";
import { projectContext } from "../project-context";

export const metadata = { title: "Project people" };

type Props = {
  params: Promise<{ workspace: string; project: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function ProjectPeoplePage({ params, searchParams }: Props) {
  const [{ userId, access }, search] = await Promise.all([projectContext(params), searchParams]);
  const { project, org, level } = access;
  if (!projectAllows(level, "resource.view")) notFound();
  // SPEC §3: who has access, their org roles and the org's teams are for organization members.
  // Everyone else who can read the project (signed out, a public project's readers, external
  // collaborators) sees its own admins at most.
  if (!access.orgRole) {
    const admins = await projectOwnAdminsOverview({ ...project, orgKind: org.kind });
    return (
      <Section title="Project admins">
        <p className="text-sm text-slate-600">Only members of {org.kind === "team" ? "the organization" : "this workspace"} see everyone with access.</p>
        {admins.length ? (
          <ul className="list-disc pl-5 text-sm" aria-label="Project admins">
            {admins.map((a) => <li key={a.id}>{a.username}{a.name ? ` (${a.name})` : ""}</li>)}
          </ul>
        ) : <p className="text-sm text-slate-600">No admin of this project is listed.</p>}
      </Section>
    );
  }
  const canManage = !!userId && projectAllows(level, "project.people");
  // E-mails are for project admins only; everyone else (and signed-out readers) sees usernames.
  // The team list offers the first 20 teams by name; typing the start of a name reaches the rest.
  const teamPrefix = queryParam(search, "teamq", 64);
  const { people, pages, teams, anyCandidate, availableTeams, switches } = await projectPeopleOverview(project, {
    showEmails: canManage,
    page: { cursor: cursorFrom(search, "cursor") },
    teamPrefix,
  });
  const personRefusal =
    org.kind === "team" && !anyCandidate && !org.externalCollaborators
      ? "Nobody is left to add: every member of the organization already has a direct grant or is an organization owner or admin."
      : null;
  const teamRefusal = availableTeams.length
    ? null
    : teamPrefix
      ? `No team left to grant has a name starting with “${teamPrefix}”.`
      : teams.length
      ? "Every team of the organization already has access to this project."
      : "This organization has no teams yet.";
  return (
    <div className="space-y-4">
      {canManage ? null : <Notice>{PROJECT_ACTIONS["project.people"].why}</Notice>}
      {project.visibility === "public" ? (
        <p className="text-sm text-slate-700">Anyone, even signed out, can read this project because it is public.</p>
      ) : null}
      <Section title="People with access">
        <PeopleTable projectId={project.id} orgKind={org.kind} people={people} canManage={canManage} switches={switches} />
        {pages ? <Pager path={`/${org.slug}/${project.slug}/people`} links={pages} param="cursor" query={{}} noun="people with access" /> : null}
        {canManage ? (
          <AddPersonForm
            projectId={project.id}
            orgKind={org.kind}
            searchUrl={`/api/workspaces/${org.slug}/projects/${project.slug}/candidates`}
            anyCandidate={anyCandidate}
            externalAllowed={org.kind === "team" && org.externalCollaborators}
            refusal={personRefusal}
          />
        ) : null}
      </Section>
      {org.kind === "team" ? (
        <Section title="Teams with access">
          {teams.length === 0 ? <p className="text-sm text-slate-600">No team has been granted access.</p> : (
            <ul className="space-y-2">
              {teams.map((t) => (
                <li key={t.grantId} className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 pb-2 text-sm" aria-label={`Team ${t.name}`}>
                  <span><span className="font-medium">{t.name}</span> · {t.members} member{t.members === 1 ? "" : "s"} · {t.level}</span>
                  {canManage ? (
                    <div>
                      <GrantControls projectId={project.id} grantId={t.grantId} level={t.level} who={`team ${t.name}`} />
                      <CapabilityOverrides
                        projectId={project.id} grantId={t.grantId} level={t.level} who={`team ${t.name}`}
                        canDeploy={t.canDeploy} canPredict={t.canPredict} switches={switches}
                      />
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {canManage ? (
            <form method="get" className="flex flex-wrap items-end gap-2" aria-label="Find a team">
              <div className="space-y-1">
                <label htmlFor="find-team" className="block text-sm font-medium text-slate-700">Team name starts with</label>
                <input id="find-team" name="teamq" defaultValue={teamPrefix ?? ""} maxLength={64} className="rounded-md border border-slate-300 px-2 py-2 text-sm" />
              </div>
              <button type="submit" className={buttonClass("secondary")}>Find teams</button>
            </form>
          ) : null}
          {canManage ? <AddTeamForm projectId={project.id} teams={availableTeams} refusal={teamRefusal} /> : null}
        </Section>
      ) : null}
    </div>
  );
}
