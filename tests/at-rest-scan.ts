/**
 * Looks for secrets at rest: every text, varchar, jsonb and bytea column of every table in the
 * public schema (found through information_schema, so tables added later are scanned too) is
 * searched for each needle. Shared by the integration and end-to-end tests, which reach the
 * database through different clients: `query` runs one statement with $1-style parameters.
 */
export type Query = (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

export interface Finding {
  table: string;
  column: string;
  needle: string;
}

/** The forms a leaked link token could take: as is, its raw bytes in hex, and standard base64. */
export function tokenForms(token: string): string[] {
  const bytes = Buffer.from(token, "base64url");
  return [token, bytes.toString("hex"), bytes.toString("base64").replace(/=+$/, "")];
}

export async function scanAtRest(query: Query, needles: string[]): Promise<{ findings: Finding[]; columnsScanned: number }> {
  const columns = (await query(
    `select c.table_name, c.column_name, c.data_type from information_schema.columns c
     join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
     where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
       and c.data_type in ('text', 'character varying', 'jsonb', 'bytea', 'ARRAY')
     order by 1, 2`,
    [],
  )) as { table_name: string; column_name: string; data_type: string }[];
  const findings: Finding[] = [];
  for (const { table_name: table, column_name: column, data_type: type } of columns) {
    // bytea is searched as its hex text and as the text its bytes spell; the others as text.
    const asText = type === "bytea" ? `encode("${column}", 'hex') || encode("${column}", 'escape')` : `"${column}"::text`;
    for (const needle of needles) {
      const [row] = await query(`select count(*)::int as n from "${table}" where strpos(lower(${asText}), lower($1)) > 0`, [needle]);
      if (Number(row.n) > 0) findings.push({ table, column, needle });
    }
  }
  return { findings, columnsScanned: columns.length };
}
