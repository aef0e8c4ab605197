"use client";

import { deleteAccountAction } from "@/lib/actions/delete-account";
import { SubmitButton } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";

export function DeleteAccountForm({ username }: { username: string }) {
  const { formProps, pending, errors, formError } = useActionForm(deleteAccountAction);
  return (
    <form {...formProps} className="space-y-3">
      <FormError message={formError && !errors.confirm && !errors.password ? formError : null} />
      <Field label={`Type “${username}” to confirm`} name="confirm" autoComplete="off" errors={errors.confirm} />
      <Field label="Your password" name="password" type="password" autoComplete="current-password" errors={errors.password} />
      <SubmitButton variant="danger" pending={pending} pendingLabel="Deleting…">Delete my account</SubmitButton>
    </form>
  );
}
