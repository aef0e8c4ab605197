"use client";

import { SubmitButton } from "@/components/ui/button";
import { FieldErrors, FormError } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { formLevel } from "./form-message";
import { moveResourceAction } from "@/lib/actions/resources/move-resource";
import { transferResourceAction } from "@/lib/actions/resources/transfer-resource";

interface Props {
  mode: "move" | "transfer";
  projectId: string;
  resourceId: string;
  targets: { id: string; name: string; orgName: string }[];
}

/** Move within the organization, or transfer from the personal workspace to an organization. */
export function MoveForm({ mode, projectId, resourceId, targets }: Props) {
  const { formProps, pending, errors, formError } = useActionForm(mode === "move" ? moveResourceAction : transferResourceAction);
  const id = `${mode}-target`;
  return (
    <form {...formProps} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="resourceId" value={resourceId} />
      <div className="grow space-y-1">
        <label htmlFor={id} className="block text-sm font-medium text-slate-700">
          {mode === "move" ? "Move to project" : "Transfer to organization project"}
        </label>
        <select id={id} name="targetProjectId" className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm">
          {targets.map((t) => (
            <option key={t.id} value={t.id}>{mode === "move" ? t.name : `${t.orgName} / ${t.name}`}</option>
          ))}
        </select>
        <FieldErrors errors={errors.targetProjectId} />
      </div>
      <SubmitButton variant="secondary" pending={pending} pendingLabel={mode === "move" ? "Moving…" : "Transferring…"}>
        {mode === "move" ? "Move" : "Transfer"}
      </SubmitButton>
      <div className="w-full"><FormError message={formLevel(formError, errors)} /></div>
    </form>
  );
}
