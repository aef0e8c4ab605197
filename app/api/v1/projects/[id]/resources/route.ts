import { listResources } from "@/lib/api/endpoints/project";

export const dynamic = "force-dynamic";
export const GET = listResources.handle;
