"use client";

import { SubmitButton } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { revokeOrgTokenAction } from "@/lib/actions/tokens/revoke-org-token";
import { revokeTokenAction } from "@/lib/actions/tokens/revoke-token";

/** Revokes a token: the owner's own (no org), or one reaching the org whose settings show it. */
export function RevokeTokenButton({ tokenId, name, org }: { tokenId: string; name: string; org?: string }) {
  const { formProps, pending, formError } = useActionForm(org ? revokeOrgTokenAction : revokeTokenAction);
  return (
    <form {...formProps}>
      {org ? <input type="hidden" name="org" value={org} /> : null}
      <input type="hidden" name="tokenId" value={tokenId} />
      <SubmitButton variant="danger" pending={pending} pendingLabel="Revoking…" aria-label={`Revoke token ${name}`}>Revoke</SubmitButton>
      <FormError message={formError} />
    </form>
  );
}
