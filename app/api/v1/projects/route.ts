import { createDefaultProject, listDefaultProjects } from "@/lib/api/endpoints/workspace-projects";

export const dynamic = "force-dynamic";
export const GET = listDefaultProjects.handle;
export const POST = createDefaultProject.handle;
