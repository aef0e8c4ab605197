import { deleteProject, getProject, updateProject } from "@/lib/api/endpoints/project";

export const dynamic = "force-dynamic";
export const GET = getProject.handle;
export const PATCH = updateProject.handle;
export const DELETE = deleteProject.handle;
