import { trainModel } from "@/lib/api/endpoints/resources";

export const dynamic = "force-dynamic";
export const POST = trainModel.handle;
