type Schema = {
  type?: string | string[]; format?: string; description?: string; enum?: unknown[]; $ref?: string; default?: unknown;
  properties?: Record<string, Schema>; required?: string[]; items?: Schema; anyOf?: Schema[]; additionalProperties?: Schema | boolean;
};

/** A short type for a JSON Schema: "string (uuid)", "array of Project", "read | write"… */
export function typeLabel(s: Schema | undefined): string {
  if (!s) return "any";
  if (s.$ref) return s.$ref.split("/").pop()!;
  if (s.enum) return s.enum.map(String).join(" | ");
  if (s.anyOf) return s.anyOf.map(typeLabel).join(" or ");
  if (s.type === "array") return `array of ${typeLabel(s.items)}`;
  if (s.properties) return `{ ${Object.entries(s.properties).map(([k, v]) => `${k}: ${typeLabel(v)}`).join(", ")} }`;
  if (s.type === "object" && s.additionalProperties && typeof s.additionalProperties === "object") return `map of ${typeLabel(s.additionalProperties)}`;
  const type = Array.isArray(s.type) ? s.type.join(" | ") : (s.type ?? "any");
  return s.format ? `${type} (${s.format})` : type;
}

/** The top-level fields of an object schema as a table; anything else as its type. */
export function SchemaFields({ schema, caption }: { schema: Schema; caption: string }) {
  if (!schema.properties) return <p className="text-sm"><code>{typeLabel(schema)}</code></p>;
  const required = new Set(schema.required ?? []);
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className="text-slate-600">
        <tr><th scope="col" className="py-1">Field</th><th scope="col">Type</th><th scope="col">Notes</th></tr>
      </thead>
      <tbody>
        {Object.entries(schema.properties).map(([name, field]) => (
          <tr key={name} className="border-t border-slate-200 align-top">
            <td className="py-1 font-mono">{name}{required.has(name) ? "" : "?"}</td>
            <td className="font-mono text-xs">{typeLabel(field)}</td>
            <td className="text-slate-700">
              {field.description ?? ""}
              {field.default !== undefined ? ` Default: ${JSON.stringify(field.default)}.` : ""}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export type { Schema };
