"use client";

import Link from "next/link";
import { useId, useRef } from "react";
import { addTeamMemberAction, removeTeamMemberAction } from "@/lib/actions/teams/team-members";
import { deleteTeamAction, renameTeamAction } from "@/lib/actions/teams/update-team";
import type { TeamView } from "@/lib/data/teams";
import { SubmitButton } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, FormError } from "@/components/ui/field";
import { SearchPicker } from "@/components/ui/search-picker";
import { useActionForm } from "@/components/ui/use-action-form";

interface Props {
  org: string;
  team: TeamView;
  canManage: boolean;
  viewerId: string;
  /** This page with the team's every member listed (up to TEAM_EXPANDED_MEMBERS). */
  showAllHref: string;
}

function RemoveFromTeam({ org, teamId, userId, label }: { org: string; teamId: string; userId: string; label: string }) {
  const { formProps, pending, formError } = useActionForm(removeTeamMemberAction);
  return (
    <form {...formProps} className="inline">
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="teamId" value={teamId} />
      <input type="hidden" name="userId" value={userId} />
      <SubmitButton variant="secondary" pending={pending}>{label}</SubmitButton>
      <FormError message={formError} />
    </form>
  );
}

export function TeamCard({ org, team, canManage, viewerId, showAllHref }: Props) {
  const add = useActionForm(addTeamMemberAction);
  const rename = useActionForm(renameTeamAction);
  const remove = useActionForm(deleteTeamAction);
  const deleteRef = useRef<HTMLFormElement>(null);
  const id = useId();
  const isMember = team.viewerRole !== null;
  const hidden = team.memberCount - team.members.length;

  return (
    <article aria-labelledby={`${id}-name`} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex items-start justify-between gap-3">
        <div>
          <h3 id={`${id}-name`} className="font-semibold">{team.name}</h3>
          {team.description ? <p className="text-sm text-slate-600">{team.description}</p> : null}
        </div>
        {isMember && !canManage ? <RemoveFromTeam org={org} teamId={team.id} userId={viewerId} label="Leave team" /> : null}
      </div>
      <ul aria-label={`Members of ${team.name}`} className="space-y-1 text-sm">
        {team.memberCount === 0 ? <li className="text-slate-500">No members yet.</li> : null}
        {team.members.map((m) => (
          <li key={m.id} className="flex items-center justify-between gap-2">
            <span>{m.username} {m.role === "owner" ? <span className="text-xs text-slate-500">team owner</span> : null}</span>
            {canManage ? (
              <RemoveFromTeam org={org} teamId={team.id} userId={m.id} label={m.id === viewerId ? "Leave team" : `Remove ${m.username} from ${team.name}`} />
            ) : null}
          </li>
        ))}
      </ul>
      {hidden > 0 ? (
        <p className="text-xs text-slate-600">
          Showing {team.members.length} of {team.memberCount} members.{" "}
          <Link href={showAllHref} scroll={false}>Show all {team.memberCount} members of {team.name}</Link>
        </p>
      ) : null}
      <p className="text-xs text-slate-600">
        Projects: {team.projects.length ? team.projects.map((p) => `${p.name} (${p.level})`).join(", ") : "none granted yet"}
      </p>
      {canManage ? (
        <div className="space-y-3 border-t border-slate-100 pt-3">
          <form {...add.formProps} className="flex flex-wrap items-end gap-2">
            <input type="hidden" name="org" value={org} />
            <input type="hidden" name="teamId" value={team.id} />
            <SearchPicker
              id={`${id}-add`}
              label={`Add to ${team.name}`}
              name="userId"
              searchUrl={`/api/workspaces/${encodeURIComponent(org)}/teams/${team.id}/candidates`}
            />
            <div>
              <label htmlFor={`${id}-role`} className="block text-sm font-medium text-slate-700">Team role</label>
              <select id={`${id}-role`} name="role" className="rounded-md border border-slate-300 px-2 py-1 text-sm">
                <option value="member">Member</option>
                <option value="owner">Team owner</option>
              </select>
            </div>
            <SubmitButton variant="secondary" pending={add.pending}>Add member</SubmitButton>
            <FormError message={add.formError} />
          </form>
          <form {...rename.formProps} className="flex flex-wrap items-end gap-2">
            <input type="hidden" name="org" value={org} />
            <input type="hidden" name="teamId" value={team.id} />
            <Field label={`New name for ${team.name}`} name="name" defaultValue={team.name} errors={rename.errors.name} />
            <SubmitButton variant="secondary" pending={rename.pending}>Rename</SubmitButton>
          </form>
          <form ref={deleteRef} {...remove.formProps}>
            <input type="hidden" name="org" value={org} />
            <input type="hidden" name="teamId" value={team.id} />
            <ConfirmDialog trigger={`Delete ${team.name}`} title={`Delete ${team.name}?`} confirmLabel="Delete team" onConfirm={() => deleteRef.current?.requestSubmit()}>
              Its members keep their organization role, but lose the project access they had through this team.
            </ConfirmDialog>
            <FormError message={remove.formError} />
          </form>
        </div>
      ) : null}
    </article>
  );
}
