"use client";

import { useCallback, useRef, useState } from "react";
import type { OrgRole } from "@/db/schema";
import { inviteAction } from "@/lib/actions/invitations/invite";
import { ROLE_LABELS } from "@/lib/authz/policy";
import { SubmitButton } from "@/components/ui/button";
import { FieldErrors, FormError } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useActionForm } from "@/components/ui/use-action-form";
import { CopyLink } from "./copy-link";

type Sent = { invited: { id: string; invitee: string; link: string }[]; emailConfigured: boolean };

export function InviteForm({ org, roles }: { org: string; roles: readonly OrgRole[] }) {
  const form = useRef<HTMLFormElement>(null);
  const [sent, setSent] = useState<Sent | null>(null);
  const onSuccess = useCallback((data: Sent) => {
    setSent(data);
    form.current?.reset();
  }, []);
  const { formProps, pending, errors, formError } = useActionForm(inviteAction, { onSuccess });
  const invalid = !!errors.invitees?.length;
  return (
    <div className="space-y-4">
      <form ref={form} {...formProps} className="space-y-3">
        <input type="hidden" name="org" value={org} />
        <FormError message={formError} />
        <div className="space-y-1">
          <label htmlFor="invitees" className="block text-sm font-medium text-slate-700">Usernames or e-mail addresses</label>
          <textarea
            id="invitees"
            name="invitees"
            rows={3}
            aria-invalid={invalid || undefined}
            aria-describedby={`invitees-hint${invalid ? " invitees-error" : ""}`}
            className={`block w-full rounded-md border px-3 py-2 text-sm shadow-sm ${invalid ? "border-red-500" : "border-slate-300"}`}
          />
          <p id="invitees-hint" className="text-xs text-slate-500">Separate several with commas or new lines. Each person gets their own single-use link.</p>
          <FieldErrors id="invitees-error" errors={errors.invitees} />
        </div>
        <div className="space-y-1">
          <label htmlFor="invite-role" className="block text-sm font-medium text-slate-700">Role</label>
          <select id="invite-role" name="role" defaultValue="member" className="rounded-md border border-slate-300 px-2 py-1 text-sm">
            {roles.map((r) => (
              <option key={r} value={r}>{ROLE_LABELS[r]}</option>
            ))}
          </select>
          <FieldErrors errors={errors.role} />
        </div>
        <SubmitButton pending={pending} pendingLabel="Inviting…">Send invitations</SubmitButton>
      </form>
      {sent ? (
        <div role="status" className="space-y-2 rounded-md border border-green-200 bg-green-50 p-3 text-sm text-green-900">
          <p>
            Invited {sent.invited.length === 1 ? sent.invited[0].invitee : `${sent.invited.length} people`}.
            {sent.emailConfigured ? " The invitation e-mail is on its way." : ""}
          </p>
          {sent.emailConfigured ? null : (
            <Notice>No mail server is configured, so no e-mail goes out: copy each link and send it to the person yourself. It is shown only now.</Notice>
          )}
          {sent.invited.map((i) => (
            <CopyLink key={i.id} label={`Invitation link for ${i.invitee}`} link={i.link} />
          ))}
        </div>
      ) : null}
    </div>
  );
}
