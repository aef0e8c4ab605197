"use client";

import { useState } from "react";
import { FieldErrors } from "@/components/ui/field";
import { PROJECT_COLOURS } from "@/lib/validation/form-options";

/** A few named colours to pick, or any hex colour typed in. */
export function ColourField({ defaultValue, errors, disabled }: { defaultValue: string; errors?: string[]; disabled?: boolean }) {
  const [value, setValue] = useState(defaultValue);
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">Colour</legend>
      <div className="flex flex-wrap gap-2">
        {PROJECT_COLOURS.map((c) => (
          <button
            key={c.value}
            type="button"
            disabled={disabled}
            onClick={() => setValue(c.value)}
            aria-pressed={value.toLowerCase() === c.value}
            aria-label={`Colour ${c.label}`}
            className={`h-8 w-8 rounded-full border-2 ${value.toLowerCase() === c.value ? "border-slate-900" : "border-white"} shadow`}
            style={{ background: c.value }}
          />
        ))}
      </div>
      <div className="space-y-1">
        <label htmlFor="field-colour" className="block text-sm text-slate-700">Hex colour</label>
        <input
          id="field-colour"
          name="colour"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          readOnly={disabled}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={errors?.length ? "field-colour-error" : undefined}
          className="block w-40 rounded-md border border-slate-300 px-3 py-2 font-mono text-sm"
        />
        <FieldErrors id="field-colour-error" errors={errors} />
      </div>
    </fieldset>
  );
}
