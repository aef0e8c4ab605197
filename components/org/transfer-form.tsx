"use client";

import { useRef, useState } from "react";
import { transferOwnershipAction } from "@/lib/actions/org/transfer-ownership";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FieldErrors, FormError } from "@/components/ui/field";
import { SearchPicker, type Choice } from "@/components/ui/search-picker";
import { useActionForm } from "@/components/ui/use-action-form";

/** The new owner is found by typing: the server answers a few matching members, never the whole org. */
export function TransferForm({ org }: { org: string }) {
  const { formProps, formError, errors } = useActionForm(transferOwnershipAction);
  const formRef = useRef<HTMLFormElement>(null);
  const [chosen, setChosen] = useState<Choice | null>(null);
  return (
    <form ref={formRef} {...formProps} className="space-y-3">
      <input type="hidden" name="org" value={org} />
      <FormError message={formError} />
      <div className="space-y-1">
        <SearchPicker id="transfer-to" label="New owner" name="userId" searchUrl={`/api/workspaces/${org}/members`} onChoose={setChosen} />
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
        {chosen?.username} becomes the owner of this organization, with control of billing, settings and deletion. You become an admin.
      </ConfirmDialog>
    </form>
  );
}
