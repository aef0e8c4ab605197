import { sql, type SQL } from "drizzle-orm";

/**
 * The effective-level rules of SPEC §3 as one SQL expression (0 none, 1 read, 2 write, 3 admin),
 * shared by the single-project resolver and the project list so the two cannot drift.
 * Expects `p` (projects), `o` (organizations) and `m` (the viewer's membership, left-joined).
 */
export function effectiveRankSql(userId: string | null): SQL {
  const uid = userId ?? "00000000-0000-0000-0000-000000000000";
  return sql`greatest(
    case when m.role in ('owner', 'admin') then 3 else 0 end,
    coalesce((
      select max(array_position(array['read','write','admin'], g.level::text))
      from project_grants g
      where g.project_id = p.id and (
        (g.user_id = ${uid}::uuid and (m.role is not null or o.external_collaborators or o.kind = 'personal'))
        or (m.role is not null and g.team_id in (select tm.team_id from team_members tm where tm.user_id = ${uid}::uuid))
      )
    ), 0),
    case when p.visibility <> 'private' and m.role is not null
      then coalesce(array_position(array['read','write','admin'], o.baseline::text), 0) else 0 end,
    case when p.visibility = 'public' then 1 else 0 end
  )`;
}

export const RANK_LEVELS = [null, "read", "write", "admin"] as const;
