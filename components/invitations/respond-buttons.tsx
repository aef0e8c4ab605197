"use client";

import { acceptInvitationAction } from "@/lib/actions/invitations/accept";
import { declineInvitationAction } from "@/lib/actions/invitations/decline";
import { SubmitButton } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";

/** Accept (the server then opens the organization) or decline, by link token or by notification. */
export function RespondButtons({ token, invitationId, orgName }: { token?: string; invitationId?: string; orgName: string }) {
  const accept = useActionForm(acceptInvitationAction);
  const decline = useActionForm(declineInvitationAction);
  const ref = token ? { name: "token", value: token } : { name: "invitationId", value: invitationId ?? "" };
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <form {...accept.formProps}>
          <input type="hidden" name={ref.name} value={ref.value} />
          <SubmitButton pending={accept.pending} pendingLabel="Joining…" aria-label={`Accept the invitation to ${orgName}`}>Accept</SubmitButton>
        </form>
        <form {...decline.formProps}>
          <input type="hidden" name={ref.name} value={ref.value} />
          <SubmitButton variant="secondary" pending={decline.pending} aria-label={`Decline the invitation to ${orgName}`}>Decline</SubmitButton>
        </form>
      </div>
      {decline.succeeded ? <p role="status" className="text-sm text-slate-700">You declined the invitation to {orgName}.</p> : null}
      <FormError message={accept.formError ?? decline.formError} />
    </div>
  );
}
