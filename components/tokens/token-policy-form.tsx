"use client";

import { SubmitButton } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { setTokenPolicyAction } from "@/lib/actions/tokens/set-token-policy";

const SWITCHES = [
  { name: "allowApiTokens", label: "Allow personal access tokens", help: "Off: no token reaches this organization, whoever owns it; scripts get a refusal at their next call." },
  { name: "allowNonExpiringTokens", label: "Allow tokens that never expire", help: "Off: members choose an expiry of at most a year, and existing tokens without one stop working here." },
] as const;

export function TokenPolicyForm({ org, values, readOnly }: { org: string; values: Record<(typeof SWITCHES)[number]["name"], boolean>; readOnly: boolean }) {
  const { formProps, pending, formError, state } = useActionForm(setTokenPolicyAction);
  return (
    <form {...formProps} className="space-y-3" aria-label="Personal access token settings">
      <input type="hidden" name="org" value={org} />
      <FormError message={formError} />
      {state?.ok ? <p role="status" className="text-sm text-green-700">{state.data.changed ? "Saved." : "Nothing to change."}</p> : null}
      {SWITCHES.map((s) => (
        <div key={s.name} className="flex gap-2 text-sm">
          <input id={`tokens-${s.name}`} type="checkbox" name={s.name} defaultChecked={values[s.name]} disabled={readOnly} className="mt-1" aria-describedby={`tokens-${s.name}-help`} />
          <div>
            <label htmlFor={`tokens-${s.name}`} className="font-medium">{s.label}</label>
            <p id={`tokens-${s.name}-help`} className="text-slate-600">{s.help}</p>
          </div>
        </div>
      ))}
      {readOnly ? null : <SubmitButton pending={pending} pendingLabel="Saving…">Save token settings</SubmitButton>}
    </form>
  );
}
