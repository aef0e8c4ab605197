import { deleteResource, getResource } from "@/lib/api/endpoints/resources";

export const dynamic = "force-dynamic";
export const GET = getResource.handle;
export const DELETE = deleteResource.handle;
