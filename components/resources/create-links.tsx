import Link from "next/link";
import { linkButton } from "@/components/ui/button-styles";
import { Notice } from "@/components/ui/notice";
import { PROJECT_ACTIONS } from "@/lib/authz/policy";

/** What a writer can start here; everyone else is told why the buttons are not there. */
export function CreateLinks({ base, canWrite, signedIn }: { base: string; canWrite: boolean; signedIn: boolean }) {
  if (!signedIn) return <Notice>This is a public project: you can look around. Sign in to make predictions; creating resources needs write access.</Notice>;
  if (!canWrite) return <Notice>{PROJECT_ACTIONS["resource.write"].why}</Notice>;
  return (
    <div className="flex flex-wrap gap-2">
      <Link href={`${base}/new/dataset`} className={linkButton.primary}>Upload dataset</Link>
      <Link href={`${base}/new/model`} className={linkButton.secondary}>Train model</Link>
      <Link href={`${base}/new/run`} className={linkButton.secondary}>New run</Link>
    </div>
  );
}
