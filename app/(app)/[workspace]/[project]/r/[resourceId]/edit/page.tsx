import type { Metadata } from "next";
import Link from "next/link";
import { Breadcrumb } from "@/components/resources/breadcrumb";
import { EditResourceForm } from "@/components/resources/edit-resource-form";
import { Notice } from "@/components/ui/notice";
import { PROJECT_ACTIONS, projectAllows } from "@/lib/authz/policy";
import { loadResourcePage, type ResourceParams } from "../load";

export const metadata: Metadata = { title: "Edit resource" };

export default async function EditResourcePage({ params }: { params: ResourceParams }) {
  const { userId, access, resource, self, crumbs } = await loadResourcePage(params);
  const allowed = !!userId && projectAllows(access.level, "resource.write", access.capabilities);
  return (
    <div className="max-w-xl space-y-4">
      <Breadcrumb items={[...crumbs, { label: "Edit" }]} />
      <h2 className="text-xl font-semibold">Edit “{resource.name}”</h2>
      {allowed ? (
        <EditResourceForm projectId={access.project.id} resource={resource} />
      ) : (
        <Notice>{userId ? PROJECT_ACTIONS["resource.write"].why : "Sign in with write access to this project to edit its resources."}</Notice>
      )}
      <p><Link href={self}>Back to {resource.name}</Link></p>
    </div>
  );
}
