import { listMyWorkspaces } from "@/lib/api/endpoints/account";

export const dynamic = "force-dynamic";
export const GET = listMyWorkspaces.handle;
