import { listProjectResources } from "@/lib/data/projects";
import { projectContext } from "./project-context";

const KIND_LABELS: Record<string, string> = { dataset: "Dataset", model: "Model", run: "Experiment run", endpoint: "Endpoint", prediction: "Prediction" };

export default async function ProjectResourcesPage({ params }: { params: Promise<{ workspace: string; project: string }> }) {
  const { access } = await projectContext(params);
  const resources = await listProjectResources(access.project.id);
  return (
    <section aria-labelledby="resources-heading" className="space-y-3">
      <h2 id="resources-heading" className="text-lg font-semibold">Resources</h2>
      {resources.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">No resources in this project yet.</p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-slate-200 text-slate-600">
              <th scope="col" className="py-2">Name</th>
              <th scope="col" className="py-2">Kind</th>
              <th scope="col" className="py-2">Updated</th>
            </tr>
          </thead>
          <tbody>
            {resources.map((r) => (
              <tr key={r.id} className="border-b border-slate-100">
                <td className="py-2">{r.name}</td>
                <td className="py-2">{KIND_LABELS[r.kind] ?? r.kind}</td>
                <td className="py-2"><time dateTime={r.updatedAt.toISOString()}>{r.updatedAt.toLocaleDateString("en-GB")}</time></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
