"use client";

import { buttonClass } from "@/components/ui/button";
import { FieldErrors, FormError } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { addTeamAction } from "@/lib/actions/projects/add-team";

export function AddTeamForm({ projectId, teams, refusal }: { projectId: string; teams: { id: string; name: string }[]; refusal: string | null }) {
  const { formProps, pending, errors, formError } = useActionForm(addTeamAction);
  return (
    <form {...formProps} className="space-y-3" aria-label="Grant a team">
      <input type="hidden" name="projectId" value={projectId} />
      <FormError message={errors.teamId ? null : formError} />
      {refusal ? <p role="note" id="add-team-why" className="text-sm text-amber-900">{refusal}</p> : null}
      <div className="flex flex-wrap items-end gap-3">
        <div className="space-y-1">
          <label htmlFor="add-team-team" className="block text-sm font-medium text-slate-700">Team</label>
          <select id="add-team-team" name="teamId" disabled={!!refusal} className="rounded-md border border-slate-300 px-2 py-2 text-sm">
            {teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="add-team-level" className="block text-sm font-medium text-slate-700">Team level</label>
          <select id="add-team-level" name="level" defaultValue="read" disabled={!!refusal} className="rounded-md border border-slate-300 px-2 py-2 text-sm">
            <option value="read">read</option>
            <option value="write">write</option>
            <option value="admin">admin</option>
          </select>
        </div>
        <button type="submit" disabled={pending || !!refusal} aria-describedby={refusal ? "add-team-why" : undefined} className={buttonClass("secondary")}>
          Grant team
        </button>
      </div>
      <FieldErrors errors={errors.teamId} />
    </form>
  );
}
