"use client";
import { Component, startTransition, type ReactNode } from "react";
import { useRouter } from "next/navigation";

interface State {
  error: (Error & { digest?: string }) | null;
}

/** Next's redirect and not-found travel as errors: they are not this section's to show. */
function isNavigation(error: Error & { digest?: string }): boolean {
  return typeof error.digest === "string" && error.digest.startsWith("NEXT_");
}

class Boundary extends Component<{ children: ReactNode; what: string; onRetry: () => void }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    if (isNavigation(error)) throw error;
    return (
      <div role="alert" className="rounded border border-red-200 bg-red-50 p-4 text-sm text-red-800">
        <p>{this.props.what} could not be loaded. The server may be busy.</p>
        <button
          type="button"
          className="mt-2 underline"
          onClick={() =>
            startTransition(() => {
              this.props.onRetry();
              this.setState({ error: null });
            })
          }
        >
          Try again
        </button>
      </div>
    );
  }
}

/**
 * Keeps a failed streamed section (a statement that timed out, say) to its own box: the rest of
 * the page stays usable, instead of Next's whole-page error.
 */
export function SectionErrorBoundary({ what, children }: { what: string; children: ReactNode }) {
  const router = useRouter();
  return (
    <Boundary what={what} onRetry={() => router.refresh()}>
      {children}
    </Boundary>
  );
}
