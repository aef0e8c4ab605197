"use client";

import { useEffect, useState } from "react";
import { SubmitButton } from "@/components/ui/button";
import { Field, FieldErrors, FormError } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { formLevel } from "./form-message";
import { trainModelAction } from "@/lib/actions/resources/train-model";
import type { ColumnInfo } from "@/lib/csv/infer";

export interface DatasetChoice {
  id: string;
  name: string;
  rowCount: number;
  columns: Pick<ColumnInfo, "name" | "type">[];
}

/** While the tree trains: which rows it learns from and how long it has taken so far. */
function TrainingProgress({ dataset }: { dataset: DatasetChoice }) {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setSeconds((s) => s + 1), 1000);
    return () => clearInterval(timer);
  }, []);
  const learn = Math.round(dataset.rowCount * 0.8);
  return (
    <div role="status" className="space-y-1 rounded-md border border-indigo-200 bg-indigo-50 p-3 text-sm text-indigo-900">
      <p>
        Training on {learn} of {dataset.rowCount} rows of “{dataset.name}” (the other {dataset.rowCount - learn} score it)… {seconds} s elapsed
      </p>
      <div aria-hidden className="h-1.5 overflow-hidden rounded bg-indigo-100">
        <div className="h-full w-1/3 animate-pulse rounded bg-indigo-500" />
      </div>
    </div>
  );
}

const select = "block w-full rounded-md border border-slate-300 px-3 py-2 text-sm";

/** Pick a dataset, the column to predict and the columns to learn from. */
export function TrainModelForm({ projectId, datasets, initialDatasetId }: { projectId: string; datasets: DatasetChoice[]; initialDatasetId?: string }) {
  const { formProps, pending, errors, formError } = useActionForm(trainModelAction);
  const [datasetId, setDatasetId] = useState(initialDatasetId && datasets.some((d) => d.id === initialDatasetId) ? initialDatasetId : datasets[0].id);
  const dataset = datasets.find((d) => d.id === datasetId) ?? datasets[0];
  const columns = dataset.columns;
  const [target, setTarget] = useState(columns[columns.length - 1].name);
  return (
    <form {...formProps} className="space-y-4">
      <input type="hidden" name="projectId" value={projectId} />
      <FormError message={formLevel(formError, errors)} />
      <div className="space-y-1">
        <label htmlFor="train-dataset" className="block text-sm font-medium text-slate-700">Dataset</label>
        <select
          id="train-dataset"
          name="datasetId"
          value={datasetId}
          className={select}
          onChange={(e) => {
            const next = datasets.find((d) => d.id === e.target.value) ?? datasets[0];
            setDatasetId(next.id);
            setTarget(next.columns[next.columns.length - 1].name);
          }}
        >
          {datasets.map((d) => (
            <option key={d.id} value={d.id}>{d.name}</option>
          ))}
        </select>
        <FieldErrors errors={errors.datasetId} />
      </div>
      <div className="space-y-1">
        <label htmlFor="train-target" className="block text-sm font-medium text-slate-700">Column to predict</label>
        <select id="train-target" name="target" value={target} onChange={(e) => setTarget(e.target.value)} className={select}>
          {columns.map((c) => (
            <option key={c.name} value={c.name}>{c.name} ({c.type})</option>
          ))}
        </select>
        <FieldErrors errors={errors.target} />
      </div>
      <fieldset className="space-y-1" key={`${dataset.id}-${target}`}>
        <legend className="text-sm font-medium text-slate-700">Input columns</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {columns.filter((c) => c.name !== target).map((c) => (
            <label key={c.name} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="inputs[]" value={c.name} defaultChecked />
              {c.name} <span className="text-slate-500">({c.type})</span>
            </label>
          ))}
        </div>
        <FieldErrors errors={errors.inputs} />
      </fieldset>
      <Field label="Maximum tree depth" name="maxDepth" type="number" min={1} max={8} defaultValue={4} errors={errors.maxDepth} hint="Deeper trees fit the training rows more closely and are harder to read (1–8)." />
      <Field label="Name" name="name" errors={errors.name} hint="Leave empty for “<dataset>: <column> tree”." />
      <SubmitButton pending={pending} pendingLabel="Training…">Train model</SubmitButton>
      {pending ? <TrainingProgress dataset={dataset} /> : null}
    </form>
  );
}
