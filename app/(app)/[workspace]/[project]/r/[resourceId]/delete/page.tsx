import type { Metadata } from "next";
import Link from "next/link";
import { Breadcrumb } from "@/components/resources/breadcrumb";
import { DeleteResourceForm } from "@/components/resources/delete-resource-form";
import { Notice } from "@/components/ui/notice";
import { PROJECT_ACTIONS, projectAllows } from "@/lib/authz/policy";
import { KIND_LABELS } from "@/lib/resources/kinds";
import { loadResourcePage, type ResourceParams } from "../load";

export const metadata: Metadata = { title: "Delete resource" };

/** The confirmation step; the action checks write again, whoever posts to it. */
export default async function DeleteResourcePage({ params }: { params: ResourceParams }) {
  const { userId, access, resource, self, crumbs } = await loadResourcePage(params);
  const allowed = !!userId && projectAllows(access.level, "resource.write", access.capabilities);
  return (
    <div className="max-w-xl space-y-4">
      <Breadcrumb items={[...crumbs, { label: "Delete" }]} />
      <h2 className="text-xl font-semibold">Delete {KIND_LABELS[resource.kind].one.toLowerCase()} “{resource.name}”?</h2>
      {allowed ? (
        <>
          <p className="text-sm text-slate-700">
            It is removed from {access.project.name} for everyone. Resources made from it stay, without the link back to it. This cannot be undone.
          </p>
          <DeleteResourceForm projectId={access.project.id} resourceId={resource.id} name={resource.name} />
        </>
      ) : (
        <Notice>{userId ? PROJECT_ACTIONS["resource.write"].why : "Sign in with write access to this project to delete its resources."}</Notice>
      )}
      <p><Link href={self}>{allowed ? "Cancel" : `Back to ${resource.name}`}</Link></p>
    </div>
  );
}
