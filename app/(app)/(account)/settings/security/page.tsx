import type { Metadata } from "next";
import Link from "next/link";
import { deviceLabel } from "@/components/account/device-label";
import { SessionsList } from "@/components/account/sessions-list";
import { Section } from "@/components/ui/notice";
import { currentSessionId, requireUser } from "@/lib/auth/current-user";
import { formatDate } from "@/lib/format/dates";
import { listSessions } from "@/lib/data/sessions";

export const metadata: Metadata = { title: "Security" };

const when = (d: Date) => `${formatDate(d, "dateTime")} UTC`;

export default async function SecurityPage() {
  const user = await requireUser();
  const [sessions, thisSession] = await Promise.all([listSessions(user.id), currentSessionId()]);
  const views = sessions.map((s) => ({
    id: s.id,
    device: deviceLabel(s.userAgent),
    userAgent: s.userAgent,
    ip: s.ip,
    createdAt: when(s.createdAt),
    lastSeenAt: when(s.lastSeenAt),
    current: s.id === thisSession,
  }));
  return (
    <div className="space-y-6">
      <p className="text-sm"><Link href="/settings">← Your settings</Link></p>
      <h1 className="text-2xl font-semibold">Security</h1>
      <Section
        title="Where you are signed in"
        description="Each browser you signed in from, newest activity first. Signing one out ends its session at once; changing your password signs out all the others."
      >
        <SessionsList sessions={views} />
      </Section>
    </div>
  );
}
