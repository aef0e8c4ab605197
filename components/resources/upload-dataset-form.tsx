"use client";

import { useState } from "react";
import { SubmitButton } from "@/components/ui/button";
import { Field, FieldErrors, FormError } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { formLevel } from "./form-message";
import { uploadDatasetAction } from "@/lib/actions/resources/upload-dataset";
import { DATASET_MAX_BYTES, DATASET_MAX_LABEL } from "@/lib/csv/limits";

export function UploadDatasetForm({ projectId }: { projectId: string }) {
  const { formProps, pending, errors, formError } = useActionForm(uploadDatasetAction);
  // Checked here too so a big file is refused at once instead of after a long upload; the
  // server checks again, since anyone can post to the action directly.
  const [tooBig, setTooBig] = useState<string | null>(null);
  const fileErrors = tooBig ? [tooBig] : errors.file;
  return (
    <form {...formProps} className="space-y-4" encType="multipart/form-data">
      <input type="hidden" name="projectId" value={projectId} />
      <FormError message={formLevel(formError, errors)} />
      <div className="space-y-1">
        <label htmlFor="dataset-file" className="block text-sm font-medium text-slate-700">CSV file</label>
        <input
          id="dataset-file"
          name="file"
          type="file"
          accept=".csv,.tsv,.txt,text/csv"
          aria-describedby="dataset-file-hint"
          aria-invalid={fileErrors?.length ? true : undefined}
          className="block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-2"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            setTooBig(file && file.size > DATASET_MAX_BYTES ? `The file is ${(file.size / 1_000_000).toFixed(1)} MB; the limit is ${DATASET_MAX_LABEL}.` : null);
          }}
        />
        <p id="dataset-file-hint" className="text-xs text-slate-500">
          UTF-8 text with a header row, comma, semicolon or tab separated, up to {DATASET_MAX_LABEL}.
        </p>
        <FieldErrors errors={fileErrors} />
      </div>
      <Field label="Name" name="name" errors={errors.name} hint="Leave empty to use the file's name." />
      <div className="space-y-1">
        <label htmlFor="dataset-description" className="block text-sm font-medium text-slate-700">Description</label>
        <textarea id="dataset-description" name="description" rows={2} className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
        <FieldErrors errors={errors.description} />
      </div>
      <SubmitButton pending={pending} disabled={!!tooBig} pendingLabel="Uploading…">Upload dataset</SubmitButton>
    </form>
  );
}
