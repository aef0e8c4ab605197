"use client";

import { endAllSessionsAction } from "@/lib/actions/sessions/end-all-sessions";
import { endSessionAction } from "@/lib/actions/sessions/end-session";
import { SubmitButton } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";

export interface SessionView {
  id: string;
  device: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

function EndSessionForm({ session }: { session: SessionView }) {
  const { formProps, pending, formError } = useActionForm(endSessionAction);
  return (
    <form {...formProps} className="flex flex-col items-end gap-1">
      <input type="hidden" name="sessionId" value={session.id} />
      <SubmitButton variant="secondary" pending={pending} pendingLabel="Signing out…" aria-label={`Sign out ${session.device}${session.current ? " (this device)" : ""}, signed in ${session.createdAt}`}>
        Sign out
      </SubmitButton>
      <FormError message={formError} />
    </form>
  );
}

export function SessionsList({ sessions }: { sessions: SessionView[] }) {
  const everywhere = useActionForm(endAllSessionsAction);
  return (
    <div className="space-y-4">
      <ul className="divide-y divide-slate-200" aria-label="Active sessions">
        {sessions.map((s) => (
          <li key={s.id} className="flex items-start justify-between gap-4 py-3" data-session={s.id}>
            <div className="text-sm">
              <p className="font-medium">
                {s.device}
                {s.current ? <span className="ml-2 rounded bg-green-100 px-1.5 py-0.5 text-xs text-green-800">this device</span> : null}
              </p>
              <p className="text-slate-600">
                Signed in {s.createdAt} · last seen {s.lastSeenAt}
                {s.ip ? ` · from ${s.ip}` : ""}
              </p>
              {s.userAgent ? <p className="break-all text-xs text-slate-500">{s.userAgent}</p> : null}
            </div>
            <EndSessionForm session={s} />
          </li>
        ))}
      </ul>
      <form {...everywhere.formProps} className="space-y-2">
        <FormError message={everywhere.formError} />
        <SubmitButton variant="danger" pending={everywhere.pending} pendingLabel="Signing out…">
          Sign out everywhere
        </SubmitButton>
      </form>
    </div>
  );
}
