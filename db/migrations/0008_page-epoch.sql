-- The page epoch: one number that changes in the same commit as any row a signed-in page shows.
-- The server keeps a rendered page for the browser that asked (scripts/page-cache.mjs) only as
-- long as the epoch it read before rendering is still the current one.
CREATE TABLE "page_epoch" (
	"id" boolean PRIMARY KEY DEFAULT true CHECK ("id"),
	"n" bigint NOT NULL
);
--> statement-breakpoint
INSERT INTO "page_epoch" ("id", "n") VALUES (true, 1);
--> statement-breakpoint
-- Bumps the epoch once per transaction. It runs as a deferred trigger, at commit, after every other
-- statement and lock of the transaction: the epoch row is held only while the transaction commits,
-- so writers queue on it briefly and never while waiting for another lock (no deadlock cycle).
CREATE FUNCTION "page_epoch_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('workbench.page_epoch_xid', true) IS DISTINCT FROM txid_current()::text THEN
    PERFORM set_config('workbench.page_epoch_xid', txid_current()::text, true);
    UPDATE page_epoch SET n = n + 1;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Every table whose rows a page shows. Not here, because no page that is kept shows them and they
-- change without anything shown changing: user_sessions (checked live on every request instead),
-- audit_events, email_outbox, email_tokens, rate_limits, api_tokens.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['users', 'organizations', 'memberships', 'teams', 'team_members', 'projects',
                           'project_tag_counts', 'project_grants', 'invitations', 'resources',
                           'notifications', 'favourite_workspaces'] LOOP
    EXECUTE format('CREATE CONSTRAINT TRIGGER page_epoch_on_write AFTER INSERT OR UPDATE OR DELETE ON %I
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION page_epoch_bump()', t);
    EXECUTE format('CREATE TRIGGER page_epoch_on_truncate AFTER TRUNCATE ON %I
                    FOR EACH STATEMENT EXECUTE FUNCTION page_epoch_bump()', t);
  END LOOP;
END $$;
