import type { Metadata } from "next";
import Link from "next/link";
import { Breadcrumb } from "@/components/resources/breadcrumb";
import { TrainModelForm } from "@/components/resources/train-model-form";
import { Notice } from "@/components/ui/notice";
import { PROJECT_ACTIONS } from "@/lib/authz/policy";
import type { DatasetMetadata } from "@/lib/csv/dataset";
import { listProjectResourcesOfKind } from "@/lib/data/resources";
import { loadCreatePage, type ProjectParams } from "../load";

export const metadata: Metadata = { title: "Train model" };

export default async function NewModelPage({ params, searchParams }: { params: ProjectParams; searchParams: Promise<{ dataset?: string }> }) {
  const [{ access, base, canWrite, crumbs }, { dataset }] = await Promise.all([loadCreatePage(params), searchParams]);
  const datasets = canWrite ? await listProjectResourcesOfKind(access.project.id, "dataset") : [];
  return (
    <div className="max-w-xl space-y-4">
      <Breadcrumb items={[...crumbs, { label: "Train model" }]} />
      <h2 className="text-xl font-semibold">Train a decision tree</h2>
      {!canWrite ? (
        <Notice>{PROJECT_ACTIONS["resource.write"].why}</Notice>
      ) : datasets.length === 0 ? (
        <Notice>
          A model learns from a dataset, and this project has none yet. <Link href={`${base}/new/dataset`}>Upload a dataset</Link> first.
        </Notice>
      ) : (
        <>
          <p className="text-sm text-slate-600">
            A CART decision tree learns from a seeded 80% of the rows and is scored on the other 20%, so the same choices always give the same model.
          </p>
          <TrainModelForm
            projectId={access.project.id}
            initialDatasetId={typeof dataset === "string" ? dataset : undefined}
            datasets={datasets.map((d) => ({
              id: d.id,
              name: d.name,
              rowCount: (d.metadata as DatasetMetadata).rowCount,
              columns: (d.metadata as DatasetMetadata).columns.map((c) => ({ name: c.name, type: c.type })),
            }))}
          />
        </>
      )}
    </div>
  );
}
