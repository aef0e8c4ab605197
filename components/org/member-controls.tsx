"use client";

import { useId, useRef } from "react";
import type { OrgRole } from "@/db/schema";
import { changeRoleAction } from "@/lib/actions/org/change-role";
import { leaveOrganizationAction } from "@/lib/actions/org/leave-organization";
import { removeMemberAction } from "@/lib/actions/org/remove-member";
import { ROLE_LABELS } from "@/lib/authz/policy";
import { SubmitButton } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormError } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import type { ActionResult } from "@/lib/actions/result";

interface MemberRef {
  org: string;
  userId: string;
  username: string;
}

export function RoleForm({ member, current, roles }: { member: MemberRef; current: OrgRole; roles: readonly OrgRole[] }) {
  const { formProps, pending, formError, succeeded } = useActionForm(changeRoleAction);
  const id = useId();
  return (
    <form {...formProps} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="org" value={member.org} />
      <input type="hidden" name="userId" value={member.userId} />
      <label htmlFor={id} className="sr-only">Role of {member.username}</label>
      <select id={id} name="role" defaultValue={current} className="rounded-md border border-slate-300 px-2 py-1 text-sm">
        {roles.map((r) => (
          <option key={r} value={r}>{ROLE_LABELS[r]}</option>
        ))}
      </select>
      <SubmitButton variant="secondary" pending={pending} aria-label={`Change role for ${member.username}`}>Change role</SubmitButton>
      {succeeded ? <span role="status" className="text-xs text-green-700">Role updated</span> : null}
      <FormError message={formError} />
    </form>
  );
}

/** Runs an action with a fixed payload after a confirmation, showing its refusal if any. */
function useConfirmedAction<T>(action: (prev: unknown, formData: FormData) => Promise<ActionResult<T>>) {
  const { formProps, formError, pending } = useActionForm(action);
  // Submitted by ref, not by a generated id: an id made during render (Math.random()) differed
  // between the server HTML and the hydrated tree, so the confirmation found no form to submit.
  const formRef = useRef<HTMLFormElement>(null);
  const submit = () => formRef.current?.requestSubmit();
  return { formProps: { ...formProps, ref: formRef }, formError, pending, submit };
}

export function RemoveMemberButton({ member }: { member: MemberRef }) {
  const { formProps, formError, submit } = useConfirmedAction(removeMemberAction);
  return (
    <div>
      <form {...formProps}>
        <input type="hidden" name="org" value={member.org} />
        <input type="hidden" name="userId" value={member.userId} />
      </form>
      <ConfirmDialog trigger={`Remove ${member.username}`} title={`Remove ${member.username}?`} confirmLabel="Remove member" onConfirm={submit}>
        They lose access to the organization and its projects at once, and their project grants and team
        memberships are removed. What they created stays in the organization.
      </ConfirmDialog>
      <FormError message={formError} />
    </div>
  );
}

export function LeaveButton({ org, disabledReason }: { org: string; disabledReason?: string }) {
  const { formProps, formError, submit } = useConfirmedAction(leaveOrganizationAction);
  return (
    <div className="space-y-1">
      <form {...formProps}>
        <input type="hidden" name="org" value={org} />
      </form>
      <ConfirmDialog trigger="Leave organization" title="Leave this organization?" confirmLabel="Leave" onConfirm={submit} disabled={!!disabledReason}>
        You lose access to its projects at once. An admin would have to invite you again.
      </ConfirmDialog>
      {disabledReason ? <p className="text-xs text-slate-600">{disabledReason}</p> : null}
      <FormError message={formError} />
    </div>
  );
}
