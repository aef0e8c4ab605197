"use client";

import { useCallback, useState } from "react";
import { CopyLink } from "@/components/invitations/copy-link";
import { SubmitButton } from "@/components/ui/button";
import { Field, FieldErrors, FormError } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { createTokenAction } from "@/lib/actions/tokens/create-token";
import { TOKEN_EXPIRY_CHOICES } from "@/lib/validation/form-options";

export interface ScopeOption {
  id: string;
  displayName: string;
  allowsTokens: boolean;
  allowsNonExpiring: boolean;
}

const selectClass = "block w-full rounded-md border border-slate-300 px-2 py-2 text-sm";

/** Name, reach, permission and expiry of a new token; its secret is shown once, here, after creating it. */
export function CreateTokenForm({ scopes }: { scopes: ScopeOption[] }) {
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const onSuccess = useCallback((data: { name: string; secret: string }) => setCreated(data), []);
  const { formProps, pending, errors, formError } = useActionForm(createTokenAction, { onSuccess });
  const [scope, setScope] = useState("all");
  const [expiry, setExpiry] = useState("30");
  const neverAllowed = scopes.some((s) => s.id === scope && s.allowsNonExpiring);
  const fieldErrorShown = ["name", "scope", "permission", "expiry", "expiresOn"].some((f) => errors[f]?.length);
  return (
    <div className="space-y-4">
      {created ? (
        <div role="status" className="space-y-2 rounded-md border border-green-200 bg-green-50 p-3">
          <p className="text-sm text-green-800">Token “{created.name}” created. Copy it now: it is shown only once.</p>
          <CopyLink label={`Secret of token ${created.name}`} link={created.secret} copyText="Copy token" />
        </div>
      ) : null}
      <form {...formProps} className="space-y-4" aria-label="New personal access token">
        <FormError message={fieldErrorShown ? null : formError} />
        <Field label="Token name" name="name" errors={errors.name} hint="What it is for, e.g. “training script”." maxLength={60} />
        <div className="space-y-1">
          <label htmlFor="token-scope" className="block text-sm font-medium text-slate-700">Workspaces it reaches</label>
          <select id="token-scope" name="scope" value={scope} onChange={(e) => setScope(e.target.value)} className={selectClass}>
            <option value="all">All workspaces I can reach</option>
            {scopes.map((s) => (
              <option key={s.id} value={s.id} disabled={!s.allowsTokens}>
                {s.displayName}{s.allowsTokens ? "" : " (tokens not allowed)"}
              </option>
            ))}
          </select>
          <FieldErrors errors={errors.scope} />
        </div>
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium text-slate-700">Permission</legend>
          <label className="flex gap-2 text-sm"><input type="radio" name="permission" value="read" defaultChecked /> Read</label>
          <label className="flex gap-2 text-sm"><input type="radio" name="permission" value="write" /> Read and write</label>
          <p className="text-xs text-slate-500">Never more than you can do yourself, at the time of each call.</p>
          <FieldErrors errors={errors.permission} />
        </fieldset>
        <div className="space-y-1">
          <label htmlFor="token-expiry" className="block text-sm font-medium text-slate-700">Expires</label>
          <select id="token-expiry" name="expiry" value={expiry} onChange={(e) => setExpiry(e.target.value)} className={selectClass} aria-describedby="token-expiry-hint">
            {TOKEN_EXPIRY_CHOICES.map((c) => (
              <option key={c.value} value={c.value} disabled={c.value === "never" && !neverAllowed}>{c.label}</option>
            ))}
          </select>
          <p id="token-expiry-hint" className="text-xs text-slate-500">
            {neverAllowed ? "This organization allows tokens that never expire." : "“Never” needs one workspace whose organization allows it."}
          </p>
          <FieldErrors errors={errors.expiry} />
        </div>
        {expiry === "date" ? <Field label="Expiry date" name="expiresOn" type="date" errors={errors.expiresOn} /> : null}
        <SubmitButton pending={pending} pendingLabel="Creating…">Create token</SubmitButton>
      </form>
    </div>
  );
}
