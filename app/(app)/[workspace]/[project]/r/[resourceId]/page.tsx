import type { Metadata } from "next";
import Link from "next/link";
import { Breadcrumb } from "@/components/resources/breadcrumb";
import { ResourceBody } from "@/components/resources/resource-body";
import { ResourceHeader } from "@/components/resources/resource-header";
import { ResourceActions } from "@/components/resources/resource-actions";
import { listResourceTargets } from "@/lib/data/resources";
import { projectAllows } from "@/lib/authz/policy";
import { resourcePath } from "@/lib/resources/kinds";
import { loadResourcePage, type ResourceParams } from "./load";

export async function generateMetadata({ params }: { params: ResourceParams }): Promise<Metadata> {
  const { resource } = await loadResourcePage(params);
  return { title: resource.name };
}

export default async function ResourcePage({ params }: { params: ResourceParams }) {
  const { userId, access, resource, self, crumbs } = await loadResourcePage(params);
  const canWrite = projectAllows(access.level, "resource.write", access.capabilities);
  const targets = userId && canWrite ? await listResourceTargets(userId, access) : { move: [], transfer: [] };
  return (
    <article className="space-y-6" aria-labelledby="resource-heading">
      <Breadcrumb items={crumbs.slice(0, 2)} />
      <ResourceHeader resource={resource} sourceHref={resource.source?.sameProject ? resourcePath(access.org.slug, access.project.slug, resource.source.id) : null}>
        {canWrite ? (
          <div className="flex gap-2">
            <Link href={`${self}/edit`} className="text-sm">Edit</Link>
            <Link href={`${self}/delete`} className="text-sm text-red-700">Delete</Link>
          </div>
        ) : null}
      </ResourceHeader>
      <ResourceBody resource={resource} />
      <ResourceActions resource={resource} access={access} signedIn={!!userId} targets={targets} />
    </article>
  );
}
