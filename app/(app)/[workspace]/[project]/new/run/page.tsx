import type { Metadata } from "next";
import { Breadcrumb } from "@/components/resources/breadcrumb";
import { RunForm } from "@/components/resources/run-form";
import { Notice } from "@/components/ui/notice";
import { PROJECT_ACTIONS } from "@/lib/authz/policy";
import { listProjectResourcesOfKind } from "@/lib/data/resources";
import { loadCreatePage, type ProjectParams } from "../load";

export const metadata: Metadata = { title: "New run" };

export default async function NewRunPage({ params, searchParams }: { params: ProjectParams; searchParams: Promise<{ model?: string }> }) {
  const [{ access, canWrite, crumbs }, { model }] = await Promise.all([loadCreatePage(params), searchParams]);
  const models = canWrite ? await listProjectResourcesOfKind(access.project.id, "model") : [];
  return (
    <div className="max-w-xl space-y-4">
      <Breadcrumb items={[...crumbs, { label: "New run" }]} />
      <h2 className="text-xl font-semibold">Record an experiment run</h2>
      {canWrite ? (
        <RunForm projectId={access.project.id} models={models.map((m) => ({ id: m.id, name: m.name }))} initialModelId={typeof model === "string" ? model : undefined} />
      ) : (
        <Notice>{PROJECT_ACTIONS["resource.write"].why}</Notice>
      )}
    </div>
  );
}
