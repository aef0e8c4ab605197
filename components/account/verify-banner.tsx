"use client";

import { resendVerificationAction } from "@/lib/actions/account/resend-verification";
import { SubmitButton } from "@/components/ui/button";
import { useActionForm } from "@/components/ui/use-action-form";

/** Shown on every page to an account whose address is not verified yet, with a way to get a new link. */
export function VerifyBanner({ email }: { email: string }) {
  const { formProps, pending, formError, state } = useActionForm(resendVerificationAction);
  return (
    <div role="region" aria-label="E-mail verification" className="border-b border-amber-200 bg-amber-50">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-2 text-sm text-amber-900">
        <p>
          Verify your e-mail address <strong>{email}</strong> with the link we sent you. Until then you can use your personal
          workspace, but not create organizations.
        </p>
        <form {...formProps} className="flex items-center gap-2">
          <SubmitButton variant="secondary" pending={pending} pendingLabel="Sending…">Re-send verification e-mail</SubmitButton>
        </form>
        {state?.ok ? <p role="status" className="w-full">A new link is on its way to {state.data.sentTo}.</p> : null}
        {formError ? <p role="alert" className="w-full text-red-800">{formError}</p> : null}
      </div>
    </div>
  );
}
