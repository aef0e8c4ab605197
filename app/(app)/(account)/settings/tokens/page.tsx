import type { Metadata } from "next";
import Link from "next/link";
import { CreateTokenForm } from "@/components/tokens/create-token-form";
import { TokenTable } from "@/components/tokens/token-table";
import { Section } from "@/components/ui/notice";
import { requireUser } from "@/lib/auth/current-user";
import { listTokenScopes, listUserTokens } from "@/lib/data/tokens";

export const metadata: Metadata = { title: "Personal access tokens" };

export default async function TokensPage() {
  const user = await requireUser();
  const [tokens, scopes] = await Promise.all([listUserTokens(user.id), listTokenScopes(user.id)]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Personal access tokens</h1>
      <p className="text-sm text-slate-600">
        Scripts call the <Link href="/docs/api">REST API</Link> with a token in an <code>Authorization: Bearer</code> header.
        A token can do at most what you can do yourself, checked at every call.
      </p>
      <Section title="New token">
        <CreateTokenForm scopes={scopes} />
      </Section>
      <Section title="Your tokens">
        <TokenTable tokens={tokens} caption="Your personal access tokens" />
      </Section>
    </div>
  );
}
