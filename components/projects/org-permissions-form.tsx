"use client";

import { SubmitButton } from "@/components/ui/button";
import { FieldErrors, FormError } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { hasFieldErrors } from "./field-errors";
import { setOrgPermissionsAction } from "@/lib/actions/projects/set-org-permissions";

export interface OrgPermissionValues {
  baseline: "none" | "read" | "write" | "admin";
  allowPublicProjects: boolean;
  externalCollaborators: boolean;
  deployForWrite: boolean;
  predictForRead: boolean;
}

const BASELINE_HELP: Record<OrgPermissionValues["baseline"], string> = {
  none: "Members see only the projects they are granted.",
  read: "Members can view every organization-visible project.",
  write: "Members can create and edit resources in every organization-visible project.",
  admin: "Members administer every organization-visible project.",
};

const SWITCHES: { name: keyof Omit<OrgPermissionValues, "baseline">; label: string; help: string }[] = [
  { name: "allowPublicProjects", label: "Allow public projects", help: "Project admins may make a project readable by anyone, even signed out. Switching this off makes every public project organization-visible." },
  { name: "externalCollaborators", label: "Allow external collaborators", help: "Project admins may add people from outside the organization to one project; they see nothing else of the organization." },
  { name: "deployForWrite", label: "Writers can deploy", help: "Off: only project admins deploy, unless a grant switches deploy on for one person or team." },
  { name: "predictForRead", label: "Readers can predict", help: "Off: readers cannot create predictions, unless a grant switches predict on." },
];

/** The org's baseline and switches; read-only (with the reason shown by the page) for those who cannot change them. */
export function OrgPermissionsForm({ org, values, readOnly }: { org: string; values: OrgPermissionValues; readOnly: boolean }) {
  const { formProps, pending, errors, formError, state } = useActionForm(setOrgPermissionsAction);
  const saved = state?.ok ? state.data : null;
  return (
    <form {...formProps} className="space-y-4" aria-label="Project permissions">
      <input type="hidden" name="org" value={org} />
      <FormError message={hasFieldErrors(errors) ? null : formError} />
      {saved ? (
        <p role="status" className="text-sm text-green-700">
          {saved.changed ? "Saved." : "Nothing to change."}
          {saved.unpublished ? ` ${saved.unpublished} public project${saved.unpublished === 1 ? " is" : "s are"} now organization-visible.` : ""}
        </p>
      ) : null}
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">Baseline permission on organization-visible projects</legend>
        {(Object.keys(BASELINE_HELP) as OrgPermissionValues["baseline"][]).map((b) => (
          <label key={b} className="flex gap-2 text-sm">
            <input type="radio" name="baseline" value={b} defaultChecked={values.baseline === b} disabled={readOnly} className="mt-1" />
            <span><span className="font-medium">{b}</span> <span className="text-slate-600">— {BASELINE_HELP[b]}</span></span>
          </label>
        ))}
        <FieldErrors errors={errors.baseline} />
      </fieldset>
      {SWITCHES.map((s) => (
        <div key={s.name} className="flex gap-2 text-sm">
          <input id={`perm-${s.name}`} type="checkbox" name={s.name} defaultChecked={values[s.name]} disabled={readOnly} className="mt-1" aria-describedby={`perm-${s.name}-help`} />
          <div>
            <label htmlFor={`perm-${s.name}`} className="font-medium">{s.label}</label>
            <p id={`perm-${s.name}-help`} className="text-slate-600">{s.help}</p>
          </div>
        </div>
      ))}
      {readOnly ? null : <SubmitButton pending={pending} pendingLabel="Saving…">Save permissions</SubmitButton>}
    </form>
  );
}
