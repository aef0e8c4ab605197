"use client";

import { useActionForm } from "@/components/ui/use-action-form";
import { changeGrantAction } from "@/lib/actions/projects/change-grant";
import { removeGrantAction } from "@/lib/actions/projects/remove-grant";
import { buttonClass } from "@/components/ui/button";
import type { ProjectLevel } from "@/db/schema";

const LEVELS: ProjectLevel[] = ["read", "write", "admin"];

/** Change or remove one direct or team grant (project admins only; the server checks again). */
export function GrantControls({ projectId, grantId, level, who }: { projectId: string; grantId: string; level: ProjectLevel; who: string }) {
  const change = useActionForm(changeGrantAction);
  const remove = useActionForm(removeGrantAction);
  const error = change.formError ?? remove.formError;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <form {...change.formProps} className="flex items-center gap-1">
        <input type="hidden" name="projectId" value={projectId} />
        <input type="hidden" name="grantId" value={grantId} />
        <label htmlFor={`level-${grantId}`} className="sr-only">Level of {who}</label>
        <select id={`level-${grantId}`} name="level" defaultValue={level} className="rounded-md border border-slate-300 px-2 py-1 text-sm">
          {LEVELS.map((l) => <option key={l} value={l}>{l}</option>)}
        </select>
        <button type="submit" disabled={change.pending} className={buttonClass("secondary")} aria-label={`Apply level for ${who}`}>
          Apply
        </button>
      </form>
      <form {...remove.formProps}>
        <input type="hidden" name="projectId" value={projectId} />
        <input type="hidden" name="grantId" value={grantId} />
        <button type="submit" disabled={remove.pending} className={buttonClass("secondary")} aria-label={`Remove ${who}`}>
          Remove
        </button>
      </form>
      {change.succeeded ? <span role="status" className="text-xs text-green-700">Level updated</span> : null}
      {error ? <span role="alert" className="text-xs text-red-700">{error}</span> : null}
    </div>
  );
}
