"use client";

import { SubmitButton } from "@/components/ui/button";
import { Field, FieldErrors, FormError } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { formLevel } from "./form-message";
import { createRunAction } from "@/lib/actions/resources/create-run";

const area = "block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm";

export function RunForm({ projectId, models, initialModelId }: { projectId: string; models: { id: string; name: string }[]; initialModelId?: string }) {
  const { formProps, pending, errors, formError } = useActionForm(createRunAction);
  return (
    <form {...formProps} className="space-y-4">
      <input type="hidden" name="projectId" value={projectId} />
      <FormError message={formLevel(formError, errors)} />
      <Field label="Name" name="name" errors={errors.name} required />
      <div className="space-y-1">
        <label htmlFor="run-model" className="block text-sm font-medium text-slate-700">Take parameters and metrics from a model</label>
        <select id="run-model" name="modelId" defaultValue={initialModelId ?? ""} className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm">
          <option value="">None: enter them below</option>
          {models.map((m) => (
            <option key={m.id} value={m.id}>{m.name}</option>
          ))}
        </select>
        <FieldErrors errors={errors.modelId} />
      </div>
      <div className="space-y-1">
        <label htmlFor="run-params" className="block text-sm font-medium text-slate-700">Parameters</label>
        <textarea id="run-params" name="params" rows={4} placeholder={"learning_rate = 0.1\nmax_depth = 4"} aria-describedby="run-params-hint" className={area} />
        <p id="run-params-hint" className="text-xs text-slate-500">One “name = value” per line. Entered values override the model&apos;s.</p>
        <FieldErrors errors={errors.params} />
      </div>
      <div className="space-y-1">
        <label htmlFor="run-metrics" className="block text-sm font-medium text-slate-700">Metrics</label>
        <textarea id="run-metrics" name="metrics" rows={3} placeholder="accuracy = 0.81" aria-describedby="run-metrics-hint" className={area} />
        <p id="run-metrics-hint" className="text-xs text-slate-500">One “name = number” per line.</p>
        <FieldErrors errors={errors.metrics} />
      </div>
      <div className="space-y-1">
        <label htmlFor="run-description" className="block text-sm font-medium text-slate-700">Description</label>
        <textarea id="run-description" name="description" rows={2} className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
      </div>
      <SubmitButton pending={pending} pendingLabel="Saving…">Record run</SubmitButton>
    </form>
  );
}
