import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/current-user";
import { defaultWorkspaceSlug } from "@/lib/data/workspaces";

export default async function Home() {
  const user = await currentUser();
  if (!user) redirect("/signin");
  redirect(`/${(await defaultWorkspaceSlug(user.id)) ?? user.username}`);
}
