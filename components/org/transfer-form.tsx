"use client";

import { useRef, useState } from "react";
import { transferOwnershipAction } from "@/lib/actions/org/transfer-ownership";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FieldErrors, FormError } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";

export function TransferForm({ org, candidates }: { org: string; candidates: { id: string; username: string }[] }) {
  const { formProps, formError, errors } = useActionForm(transferOwnershipAction);
  const formRef = useRef<HTMLFormElement>(null);
  const [chosen, setChosen] = useState("");
  const name = candidates.find((c) => c.id === chosen)?.username;
  return (
    <form ref={formRef} {...formProps} className="space-y-3">
      <input type="hidden" name="org" value={org} />
      <FormError message={formError} />
      <div className="space-y-1">
        <label htmlFor="transfer-to" className="block text-sm font-medium text-slate-700">New owner</label>
        <select id="transfer-to" name="userId" value={chosen} onChange={(e) => setChosen(e.target.value)} className="rounded-md border border-slate-300 px-2 py-1 text-sm">
          <option value="">Choose a member…</option>
          {candidates.map((c) => (
            <option key={c.id} value={c.id}>{c.username}</option>
          ))}
        </select>
        <FieldErrors errors={errors.userId} />
      </div>
      <ConfirmDialog
        trigger="Transfer ownership"
        triggerVariant="danger"
        title="Transfer ownership?"
        confirmLabel="Transfer ownership"
        disabled={!chosen}
        onConfirm={() => formRef.current?.requestSubmit()}
      >
        {name} becomes the owner of this organization, with control of billing, settings and deletion. You become an admin.
      </ConfirmDialog>
    </form>
  );
}
