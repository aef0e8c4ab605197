import Link from "next/link";
import { linkButton } from "@/components/ui/button-styles";

/** "New project" for those allowed; for the others, a disabled button that says why. */
export function NewProjectButton({ workspace, refusal }: { workspace: string; refusal: string | null }) {
  if (!refusal) {
    return (
      <Link href={`/${workspace}/new`} className={linkButton.primary}>
        New project
      </Link>
    );
  }
  return (
    <div className="flex max-w-sm flex-col items-end gap-1">
      <button type="button" disabled aria-describedby="new-project-why" className={`${linkButton.primary} cursor-not-allowed opacity-50`}>
        New project
      </button>
      <p id="new-project-why" className="text-right text-xs text-slate-600">{refusal}</p>
    </div>
  );
}
