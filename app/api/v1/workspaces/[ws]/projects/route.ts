import { createWorkspaceProject, listWorkspaceProjects } from "@/lib/api/endpoints/workspace-projects";

export const dynamic = "force-dynamic";
export const GET = listWorkspaceProjects.handle;
export const POST = createWorkspaceProject.handle;
