"use client";

import { useCallback, useRef, useState } from "react";
import { resendInvitationAction } from "@/lib/actions/invitations/resend";
import { revokeInvitationAction } from "@/lib/actions/invitations/revoke";
import { SubmitButton } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormError } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { CopyLink } from "./copy-link";

interface Props {
  org: string;
  invitationId: string;
  invitee: string;
}

/** Re-send (a new link; the old one stops working) and revoke, for one pending invitation. */
export function InvitationActions({ org, invitationId, invitee }: Props) {
  const [link, setLink] = useState<string | null>(null);
  const onSuccess = useCallback((data: { link: string }) => setLink(data.link), []);
  const resend = useActionForm(resendInvitationAction, { onSuccess });
  const revoke = useActionForm(revokeInvitationAction);
  const revokeForm = useRef<HTMLFormElement>(null);
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <form {...resend.formProps}>
          <input type="hidden" name="org" value={org} />
          <input type="hidden" name="invitationId" value={invitationId} />
          <SubmitButton variant="secondary" pending={resend.pending} aria-label={`Re-send invitation to ${invitee}`}>Re-send</SubmitButton>
        </form>
        <form ref={revokeForm} {...revoke.formProps}>
          <input type="hidden" name="org" value={org} />
          <input type="hidden" name="invitationId" value={invitationId} />
        </form>
        <ConfirmDialog
          trigger="Revoke"
          title={`Revoke the invitation to ${invitee}?`}
          confirmLabel="Revoke invitation"
          onConfirm={() => revokeForm.current?.requestSubmit()}
        >
          The link stops working at once and the seat it held is free again.
        </ConfirmDialog>
      </div>
      <FormError message={resend.formError ?? revoke.formError} />
      {link ? <CopyLink label={`New invitation link for ${invitee}`} link={link} /> : null}
    </div>
  );
}
