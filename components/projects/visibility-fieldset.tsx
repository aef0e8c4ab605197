import type { Visibility } from "@/db/schema";
import { FieldErrors } from "@/components/ui/field";
import { VISIBILITY_HELP } from "@/lib/validation/form-options";
import { VISIBILITY_LABELS } from "./project-card";

interface Props {
  defaultValue: Visibility;
  orgKind: "personal" | "team";
  allowPublic: boolean;
  errors?: string[];
  disabled?: boolean;
}

/** The three visibilities with what each one means; the ones this workspace refuses are disabled with the reason. */
export function VisibilityFieldset({ defaultValue, orgKind, allowPublic, errors, disabled }: Props) {
  const options: { value: Visibility; help: string; refusal: string | null }[] = [
    { value: "private", help: VISIBILITY_HELP.private, refusal: null },
    {
      value: "organization",
      help: VISIBILITY_HELP.organization,
      refusal: orgKind === "personal" ? "Not available in a personal workspace, which has no other members." : null,
    },
    { value: "public", help: VISIBILITY_HELP.public, refusal: allowPublic ? null : "This organization does not allow public projects." },
  ];
  return (
    <fieldset className="space-y-2" aria-describedby={errors?.length ? "visibility-error" : undefined}>
      <legend className="text-sm font-medium text-slate-700">Visibility</legend>
      {options.map((o) => (
        <label key={o.value} className={`flex gap-2 rounded-md border border-slate-200 p-3 text-sm ${o.refusal ? "opacity-60" : ""}`}>
          <input type="radio" name="visibility" value={o.value} defaultChecked={defaultValue === o.value} disabled={disabled || !!o.refusal} className="mt-1" />
          <span>
            <span className="font-medium">{VISIBILITY_LABELS[o.value]}</span>
            <span className="block text-slate-600">{o.help}</span>
            {o.refusal ? <span className="block text-amber-800">{o.refusal}</span> : null}
          </span>
        </label>
      ))}
      <FieldErrors id="visibility-error" errors={errors} />
    </fieldset>
  );
}
