"use client";

import { buttonClass } from "@/components/ui/button";
import { FieldErrors, FormError } from "@/components/ui/field";
import { SearchPicker } from "@/components/ui/search-picker";
import { useActionForm } from "@/components/ui/use-action-form";
import { addPersonAction } from "@/lib/actions/projects/add-person";

interface Props {
  projectId: string;
  orgKind: "personal" | "team";
  /** Where the member picker searches (a JSON route answering `?q=`). */
  searchUrl: string;
  anyCandidate: boolean;
  externalAllowed: boolean;
  /** Why nothing can be added, or null. */
  refusal: string | null;
}

/**
 * Org members are found by typing (the server answers a few matches, never the whole org); people outside the org (personal workspaces, or orgs that
 * allow external collaborators) are named by username.
 */
export function AddPersonForm({ projectId, orgKind, searchUrl, anyCandidate, externalAllowed, refusal }: Props) {
  const { formProps, pending, errors, formError, succeeded } = useActionForm(addPersonAction);
  const byUsername = orgKind === "personal" || externalAllowed;
  const personErrors = [...(errors.person ?? []), ...(errors.userId ?? []), ...(errors.username ?? [])];
  return (
    <form {...formProps} className="space-y-3" aria-label="Add a person">
      <input type="hidden" name="projectId" value={projectId} />
      <FormError message={personErrors.length ? null : formError} />
      {succeeded ? <p role="status" className="text-sm text-green-700">Added; they have been told by e-mail.</p> : null}
      {refusal ? <p role="note" id="add-person-why" className="text-sm text-amber-900">{refusal}</p> : null}
      <div className="flex flex-wrap items-end gap-3">
        {orgKind === "team" ? (
          <SearchPicker id="add-person-member" label="Organization member" name="userId" searchUrl={searchUrl} disabled={!!refusal || !anyCandidate} />
        ) : null}
        {byUsername ? (
          <div className="space-y-1">
            <label htmlFor="add-person-username" className="block text-sm font-medium text-slate-700">
              {orgKind === "team" ? "Or an external collaborator's username" : "Collaborator's username"}
            </label>
            <input id="add-person-username" name="username" autoComplete="off" className="rounded-md border border-slate-300 px-3 py-2 text-sm" />
          </div>
        ) : null}
        <div className="space-y-1">
          <label htmlFor="add-person-level" className="block text-sm font-medium text-slate-700">Level</label>
          <select id="add-person-level" name="level" defaultValue="read" disabled={!!refusal} className="rounded-md border border-slate-300 px-2 py-2 text-sm">
            <option value="read">read</option>
            <option value="write">write</option>
            <option value="admin">admin</option>
          </select>
        </div>
        <button type="submit" disabled={pending || !!refusal} aria-describedby={refusal ? "add-person-why" : undefined} className={buttonClass("primary")}>
          Add person
        </button>
      </div>
      <FieldErrors errors={personErrors.length ? personErrors : undefined} />
    </form>
  );
}
