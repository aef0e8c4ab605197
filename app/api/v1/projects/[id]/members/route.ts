import { listMembers } from "@/lib/api/endpoints/project";

export const dynamic = "force-dynamic";
export const GET = listMembers.handle;
