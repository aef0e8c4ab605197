import type { Metadata } from "next";
import { Breadcrumb } from "@/components/resources/breadcrumb";
import { UploadDatasetForm } from "@/components/resources/upload-dataset-form";
import { Notice } from "@/components/ui/notice";
import { PROJECT_ACTIONS } from "@/lib/authz/policy";
import { loadCreatePage, type ProjectParams } from "../load";

export const metadata: Metadata = { title: "Upload dataset" };

export default async function NewDatasetPage({ params }: { params: ProjectParams }) {
  const { access, canWrite, crumbs } = await loadCreatePage(params);
  return (
    <div className="max-w-xl space-y-4">
      <Breadcrumb items={[...crumbs, { label: "Upload dataset" }]} />
      <h2 className="text-xl font-semibold">Upload a dataset</h2>
      {canWrite ? <UploadDatasetForm projectId={access.project.id} /> : <Notice>{PROJECT_ACTIONS["resource.write"].why}</Notice>}
    </div>
  );
}
