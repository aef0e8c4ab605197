"use client";

import Link from "next/link";
import { SubmitButton } from "@/components/ui/button";
import { Field, FieldErrors, FormError } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { formLevel } from "./form-message";
import { predictAction } from "@/lib/actions/resources/predict";
import type { ModelInput } from "@/lib/ml/types";
import { percent } from "./format";

interface Props {
  projectId: string;
  resourceId: string;
  target: string;
  inputs: Pick<ModelInput, "name" | "type" | "categories">[];
}

/**
 * One field per model input; the answer appears below. Members' and collaborators' answers are
 * kept as prediction resources; anyone else reading a public project sees theirs, unsaved.
 */
export function PredictForm({ projectId, resourceId, target, inputs }: Props) {
  const { formProps, pending, errors, formError, state } = useActionForm(predictAction);
  const result = state?.ok ? state.data : null;
  return (
    <form {...formProps} className="space-y-4" aria-label="Predict">
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="resourceId" value={resourceId} />
      <FormError message={formLevel(formError, errors)} />
      <div className="grid gap-3 sm:grid-cols-2">
        {inputs.map((input, i) =>
          input.type === "number" ? (
            <Field key={input.name} label={input.name} name={`x${i}`} id={`predict-x${i}`} inputMode="decimal" errors={errors[`x${i}`]} />
          ) : (
            <div key={input.name} className="space-y-1">
              <label htmlFor={`predict-x${i}`} className="block text-sm font-medium text-slate-700">{input.name}</label>
              <select id={`predict-x${i}`} name={`x${i}`} className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm">
                {input.categories?.map((c) => (
                  <option key={c} value={c}>{c}</option>
                ))}
              </select>
              <FieldErrors errors={errors[`x${i}`]} />
            </div>
          ),
        )}
      </div>
      <SubmitButton pending={pending} pendingLabel="Predicting…">Predict {target}</SubmitButton>
      {result ? (
        <div role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900">
          <p>
            Prediction: <strong>{result.target} = {result.prediction}</strong>
            {result.confidence !== null ? <> with confidence <strong>{percent(result.confidence)}</strong></> : null}
          </p>
          {result.stored ? <p><Link href={result.url}>Saved as a prediction</Link></p> : <p>{result.why}</p>}
        </div>
      ) : null}
    </form>
  );
}
