import type { Metadata } from "next";
import Link from "next/link";
import { SchemaFields, typeLabel, type Schema } from "@/components/docs/schema-fields";
import { openApiDocument } from "@/lib/api/openapi";

export const metadata: Metadata = { title: "API reference" };
// Rendered from the document on the server, per request: no client code on this page, nothing run at build time.
export const dynamic = "force-dynamic";

type Operation = {
  operationId: string; summary: string; description?: string; tags: string[];
  parameters: { name: string; in: string; required: boolean; schema: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
  security: object[];
};

const METHOD_STYLE: Record<string, string> = {
  get: "bg-sky-100 text-sky-900", post: "bg-green-100 text-green-900", patch: "bg-amber-100 text-amber-900", delete: "bg-red-100 text-red-900",
};

export default function ApiReferencePage() {
  const doc = openApiDocument() as { info: { title: string; description: string }; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };
  const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));
  const tags = [...new Set(operations.map((o) => o.op.tags[0]))];
  return (
    <main className="mx-auto max-w-4xl space-y-8 px-4 py-8">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">{doc.info.title}</h1>
        <p className="text-slate-700">{doc.info.description}</p>
        <p className="text-sm text-slate-700">
          Base address <code>/api/v1</code>. JSON in and out; errors are <code>application/problem+json</code> (RFC 9457) with the
          website&apos;s own messages. Lists page with a <code>Link: &lt;…&gt;; rel=&quot;next&quot;</code> header. Each token (or signed-in
          user) has a per-minute budget, told in the <code>RateLimit</code> header; past it, 429 and <code>Retry-After</code>.
          Machine-readable: <a href="/api/v1/openapi.json">openapi.json</a> (OpenAPI 3.1). Tokens: <Link href="/settings/tokens">Settings → Access tokens</Link>.
        </p>
        <nav aria-label="API sections" className="flex flex-wrap gap-3 text-sm">
          {tags.map((t) => <a key={t} href={`#${t.toLowerCase()}`}>{t}</a>)}
          <a href="#schemas">Schemas</a>
        </nav>
      </header>
      {tags.map((tag) => (
        <section key={tag} aria-labelledby={tag.toLowerCase()} className="space-y-4">
          <h2 id={tag.toLowerCase()} className="text-xl font-semibold">{tag}</h2>
          {operations.filter((o) => o.op.tags[0] === tag).map(({ path, method, op }) => {
            const body = op.requestBody ? Object.entries(op.requestBody.content)[0] : null;
            return (
              <article key={op.operationId} id={op.operationId} aria-labelledby={`${op.operationId}-title`} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
                <h3 id={`${op.operationId}-title`} className="flex flex-wrap items-center gap-2 font-mono text-sm">
                  <span className={`rounded px-2 py-0.5 font-semibold uppercase ${METHOD_STYLE[method]}`}>{method}</span>
                  <span>{path}</span>
                  <span className="font-sans font-medium">— {op.summary}</span>
                </h3>
                {op.description ? <p className="text-sm text-slate-700">{op.description}</p> : null}
                {op.security.some((s) => Object.keys(s).length === 0) ? <p className="text-xs text-slate-500">Works signed out for public projects.</p> : null}
                {op.parameters.length ? (
                  <ul className="text-sm">
                    {op.parameters.map((p) => (
                      <li key={p.name}><code>{p.name}</code> <span className="text-slate-500">({p.in}{p.required ? ", required" : ""}, {typeLabel(p.schema)})</span> {p.schema.description ?? ""}</li>
                    ))}
                  </ul>
                ) : null}
                {body ? (
                  <div className="space-y-1">
                    <h4 className="text-sm font-medium">Request body <code className="text-xs">{body[0]}</code></h4>
                    <SchemaFields schema={body[1].schema} caption={`Request body of ${method.toUpperCase()} ${path}`} />
                  </div>
                ) : null}
                <h4 className="text-sm font-medium">Answers</h4>
                <ul className="text-sm">
                  {Object.entries(op.responses).map(([status, r]) => (
                    <li key={status}>
                      <code>{status}</code> {r.description}
                      {r.content ? <> — <code className="text-xs">{typeLabel(Object.values(r.content)[0].schema)}</code></> : null}
                    </li>
                  ))}
                </ul>
              </article>
            );
          })}
        </section>
      ))}
      <section aria-labelledby="schemas" className="space-y-4">
        <h2 id="schemas" className="text-xl font-semibold">Schemas</h2>
        {Object.entries(doc.components.schemas).map(([name, schema]) => (
          <article key={name} aria-labelledby={`schema-${name}`} className="space-y-1">
            <h3 id={`schema-${name}`} className="font-mono font-medium">{name}</h3>
            {schema.description ? <p className="text-sm text-slate-700">{schema.description}</p> : null}
            <SchemaFields schema={schema} caption={`Fields of ${name}`} />
          </article>
        ))}
      </section>
    </main>
  );
}
