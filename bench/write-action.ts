// One write end to end: the create-project server action posted the way the browser's form does
// (the action id from the build's manifest, the form fields, the session cookie), timed per request.
import { readFileSync } from "node:fs";
import path from "node:path";
import { stats, type Stats } from "./stats";

function actionId(exportName: string): string {
  const manifest = JSON.parse(readFileSync(path.join(import.meta.dirname, "..", ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  const hit = Object.entries(manifest.node).find(([, v]) => v.exportedName === exportName);
  if (!hit) throw new Error(`no server action ${exportName} in the build`);
  return hit[0];
}

export async function writeAction(base: string, cookie: string, org: string, n: number): Promise<{ stats: Stats; created: number } | { error: string }> {
  try {
    const id = actionId("createProjectAction");
    const samples: number[] = [];
    let created = 0;
    for (let i = 0; i < n; i++) {
      // What React sends for useActionState(action)(formData): the form's fields under the prefix
      // `_<reference>_`, then the arguments (the previous state and that reference) as the last
      // part, since the server decodes the parts as they stream in.
      const body = new FormData();
      for (const [k, v] of Object.entries({ org, name: `Bench write ${Date.now()} ${i}`, description: "", tags: "bench", colour: "#4f46e5", visibility: "private" })) {
        body.set(`_1_${k}`, v);
      }
      body.set("0", JSON.stringify([null, "$K1"]));
      const t = performance.now();
      const res = await fetch(`${base}/${org}/new`, {
        method: "POST",
        headers: { cookie, "next-action": id, accept: "text/x-component", origin: base },
        body,
      });
      const text = await res.text();
      samples.push(performance.now() - t);
      // Success redirects to the new project: the answer carries that page, as the browser gets it.
      if (res.ok && (res.headers.has("x-action-redirect") || text.includes(`"ok":true`))) created++;
      else if (i === 0) return { error: `the action answered HTTP ${res.status}: ${text.slice(0, 200)}` };
    }
    return { stats: stats(samples), created };
  } catch (err) {
    return { error: String((err as Error).message ?? err) };
  }
}
