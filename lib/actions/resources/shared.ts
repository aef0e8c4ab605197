import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor, Tx } from "@/db/client";
import { resources, type Resource } from "@/db/schema";
import type { ProjectAccess } from "@/lib/authz/resolve";
import { isUuid, uuidSchema } from "@/lib/validation/ids";
import { lineText } from "@/lib/validation/text";
import { projectPath, resourcePath, type ResourceKind } from "@/lib/resources/kinds";
import { NotFoundError } from "../result";

export const idSchema = uuidSchema("Resource not found.");
export const projectIdSchema = uuidSchema("Project not found.");
export const resourceNameSchema = lineText().min(1, "Enter a name.").max(120, "Name must be at most 120 characters.");
export const resourceDescriptionSchema = z.string().trim().max(2000, "Description must be at most 2000 characters.").default("");

/** This project's resource, locked for the rest of the transaction; any other id is not found. */
export async function lockResource(tx: Tx, projectId: string, resourceId: string, kinds?: readonly ResourceKind[]): Promise<Resource> {
  // A malformed id would abort the transaction in PostgreSQL; it names nothing anyway.
  if (!isUuid(resourceId)) throw new NotFoundError("Resource not found.");
  const [row] = await tx
    .select()
    .from(resources)
    .where(and(
      eq(resources.id, sql`${resourceId}::uuid`),
      eq(resources.projectId, projectId),
      kinds ? inArray(resources.kind, [...kinds]) : undefined,
    ))
    .for("update");
  if (!row) throw new NotFoundError("Resource not found.");
  return row;
}

/** This project's resource with its payload, read without a lock (for work done before the transaction). */
export async function readResource(db: Executor, projectId: string, resourceId: string, kinds: readonly ResourceKind[]): Promise<Resource> {
  if (!isUuid(resourceId)) throw new NotFoundError("Resource not found.");
  const [row] = await db
    .select()
    .from(resources)
    .where(and(eq(resources.id, sql`${resourceId}::uuid`), eq(resources.projectId, projectId), inArray(resources.kind, [...kinds])));
  if (!row) throw new NotFoundError("Resource not found.");
  return row;
}

/**
 * Proof that this project's resource still exists, without its payload: FOR KEY SHARE, the lock
 * a row pointing at it takes anyway, so it cannot be deleted or moved before the commit.
 */
export async function keepResource(tx: Tx, projectId: string, resourceId: string, kinds: readonly ResourceKind[]): Promise<{ id: string; name: string; kind: string }> {
  if (!isUuid(resourceId)) throw new NotFoundError("Resource not found.");
  const [row] = await tx
    .select({ id: resources.id, name: resources.name, kind: resources.kind })
    .from(resources)
    .where(and(eq(resources.id, sql`${resourceId}::uuid`), eq(resources.projectId, projectId), inArray(resources.kind, [...kinds])))
    .for("key share");
  if (!row) throw new NotFoundError("Resource not found.");
  return row;
}

export function urls(access: ProjectAccess) {
  return {
    project: projectPath(access.org.slug, access.project.slug),
    resource: (id: string) => resourcePath(access.org.slug, access.project.slug, id),
  };
}

export function auditTarget(r: { id: string; name: string; kind: string }) {
  return { targetType: r.kind, targetId: r.id, targetLabel: r.name };
}
