-- Page epochs: numbers that change in the same commit as any row a kept page shows. The server
-- keeps a rendered page for the browser that asked (scripts/page-cache.mjs) only while the epochs
-- it read before rendering are still the current ones. A page of workspace W seen by user U reads
-- three: W's (its organization, members, teams, projects, grants, resources, invitations), U's
-- (their notifications, favourites, account) and the global one (what every page may show: the
-- names of people, and any write whose owner cannot be told). So a write in one organization
-- leaves the kept pages of the others as they are, and nobody can time another tenant's writes.
CREATE TABLE "page_epochs" (
	"scope" uuid PRIMARY KEY,
	"n" bigint NOT NULL
);
--> statement-breakpoint
INSERT INTO "page_epochs" ("scope", "n") VALUES ('00000000-0000-0000-0000-000000000000', 1);
--> statement-breakpoint
-- One row per writing transaction, inserted with its first noted scope and deleted at its commit:
-- it is what the deferred trigger hangs on, so a transaction that writes a million rows still
-- queues a single commit-time event.
CREATE TABLE "page_epoch_commits" (
	"txid" bigint NOT NULL
);
--> statement-breakpoint
-- Adds scopes to the list this transaction will move at commit, kept in a transaction-local setting
-- tagged with the transaction id (a savepoint rolled back takes its additions with it). The first
-- note of a transaction also queues its commit-time move.
CREATE FUNCTION "page_epoch_note"(scopes uuid[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  tx text := txid_current()::text;
  noted text := current_setting('workbench.page_epoch_noted', true);
  known uuid[] := '{}';
  first boolean := noted IS NULL OR split_part(noted, '/', 1) <> tx;
BEGIN
  IF NOT first THEN
    known := split_part(noted, '/', 2)::uuid[];
  END IF;
  known := ARRAY(SELECT DISTINCT s FROM unnest(known || scopes) s WHERE s IS NOT NULL ORDER BY s);
  PERFORM set_config('workbench.page_epoch_noted', tx || '/' || known::text, true);
  -- Queued only once the scopes are noted: under `SET CONSTRAINTS … IMMEDIATE` the move runs at the
  -- end of this INSERT, and must find them.
  IF first THEN
    INSERT INTO page_epoch_commits (txid) VALUES (tx::bigint);
  END IF;
END $$;
--> statement-breakpoint
-- After each statement: the scopes of the rows it wrote, old and new. A child row whose parent is
-- gone (team_members, grants, resources of a team or project deleted in the same statement) has no
-- scope of its own to add: the parent's deletion already noted the organization.
CREATE FUNCTION "page_epoch_note_rows"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  global CONSTANT uuid := '00000000-0000-0000-0000-000000000000';
  src text := CASE TG_OP WHEN 'INSERT' THEN 'SELECT * FROM rows_b'
                         WHEN 'DELETE' THEN 'SELECT * FROM rows_a'
                         ELSE 'SELECT * FROM rows_a UNION ALL SELECT * FROM rows_b' END;
  scopes uuid[];
BEGIN
  IF TG_TABLE_NAME = 'organizations' THEN
    EXECUTE format('SELECT array_agg(DISTINCT id) FROM (%s) r', src) INTO scopes;
  ELSIF TG_TABLE_NAME IN ('teams', 'projects', 'project_tag_counts', 'invitations') THEN
    EXECUTE format('SELECT array_agg(DISTINCT org_id) FROM (%s) r', src) INTO scopes;
  ELSIF TG_TABLE_NAME = 'memberships' THEN
    EXECUTE format('SELECT array_agg(DISTINCT s) FROM (SELECT org_id AS s FROM (%1$s) r UNION SELECT user_id FROM (%1$s) r) x', src) INTO scopes;
  ELSIF TG_TABLE_NAME IN ('notifications', 'favourite_workspaces') THEN
    EXECUTE format('SELECT array_agg(DISTINCT user_id) FROM (%s) r', src) INTO scopes;
  ELSIF TG_TABLE_NAME = 'team_members' THEN
    EXECUTE format('SELECT array_agg(DISTINCT t.org_id) FROM (%s) r JOIN teams t ON t.id = r.team_id', src) INTO scopes;
  ELSIF TG_TABLE_NAME IN ('project_grants', 'resources') THEN
    EXECUTE format('SELECT array_agg(DISTINCT p.org_id) FROM (%s) r JOIN projects p ON p.id = r.project_id', src) INTO scopes;
  ELSIF TG_TABLE_NAME = 'users' THEN
    -- A new account is on nobody's page yet; a changed name or address is on everyone's who works
    -- with them; the rest of the row (password, pending address, whether the address is verified,
    -- default workspace) only on theirs.
    IF TG_OP = 'INSERT' THEN
      SELECT array_agg(id) INTO scopes FROM rows_b;
    ELSIF TG_OP = 'DELETE' THEN
      scopes := ARRAY[global];
    ELSE
      EXECUTE 'SELECT array_agg(DISTINCT CASE WHEN (to_jsonb(a) - $1) IS DISTINCT FROM (to_jsonb(b) - $1) THEN $2 ELSE b.id END)
               FROM rows_a a JOIN rows_b b ON a.id = b.id'
        INTO scopes USING ARRAY['password_hash', 'pending_email', 'email_verified_at', 'default_org_id', 'default_chosen'], global;
    END IF;
  ELSE
    scopes := ARRAY[global]; -- a table added to the list below without a rule of its own
  END IF;
  IF cardinality(scopes) > 0 THEN
    PERFORM page_epoch_note(scopes);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- TRUNCATE writes no rows for the deferred trigger to see: it moves the global epoch at once
-- (maintenance and tests only; the app never truncates).
CREATE FUNCTION "page_epoch_truncated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE page_epochs SET n = n + 1 WHERE scope = '00000000-0000-0000-0000-000000000000';
  RETURN NULL;
END $$;
--> statement-breakpoint
-- At commit (a deferred trigger runs after every statement of the transaction): moves each noted
-- scope once, in scope order. Writers hold an epoch row only while they commit and take the rows
-- in one order, so they queue briefly and never deadlock; readers never wait. The list is then
-- emptied, so writes after an early `SET CONSTRAINTS … IMMEDIATE` queue a move of their own.
CREATE FUNCTION "page_epoch_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tx text := txid_current()::text;
  noted text := current_setting('workbench.page_epoch_noted', true);
BEGIN
  IF noted IS NOT NULL AND split_part(noted, '/', 1) = tx THEN
    INSERT INTO page_epochs AS e (scope, n)
    SELECT s, 1 FROM unnest(split_part(noted, '/', 2)::uuid[]) s ORDER BY s
    ON CONFLICT (scope) DO UPDATE SET n = e.n + 1;
  END IF;
  PERFORM set_config('workbench.page_epoch_noted', '', true);
  DELETE FROM page_epoch_commits WHERE txid = NEW.txid;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "page_epoch_at_commit" AFTER INSERT ON "page_epoch_commits"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "page_epoch_bump"();
--> statement-breakpoint
-- Every table whose rows a kept page shows. Not here, because no kept page shows them and they
-- change without anything shown changing: user_sessions (checked live on every request instead),
-- audit_events, email_outbox, email_tokens, rate_limits, api_tokens.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['users', 'organizations', 'memberships', 'teams', 'team_members', 'projects',
                           'project_tag_counts', 'project_grants', 'invitations', 'resources',
                           'notifications', 'favourite_workspaces'] LOOP
    EXECUTE format('CREATE TRIGGER page_epoch_note_insert AFTER INSERT ON %I
                    REFERENCING NEW TABLE AS rows_b FOR EACH STATEMENT EXECUTE FUNCTION page_epoch_note_rows()', t);
    EXECUTE format('CREATE TRIGGER page_epoch_note_update AFTER UPDATE ON %I
                    REFERENCING OLD TABLE AS rows_a NEW TABLE AS rows_b FOR EACH STATEMENT EXECUTE FUNCTION page_epoch_note_rows()', t);
    EXECUTE format('CREATE TRIGGER page_epoch_note_delete AFTER DELETE ON %I
                    REFERENCING OLD TABLE AS rows_a FOR EACH STATEMENT EXECUTE FUNCTION page_epoch_note_rows()', t);
    EXECUTE format('CREATE TRIGGER page_epoch_on_truncate AFTER TRUNCATE ON %I
                    FOR EACH STATEMENT EXECUTE FUNCTION page_epoch_truncated()', t);
  END LOOP;
END $$;
