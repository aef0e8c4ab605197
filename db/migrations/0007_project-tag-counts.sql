CREATE TABLE "project_tag_counts" (
	"org_id" uuid NOT NULL,
	"visibility" "project_visibility" NOT NULL,
	"tag" text NOT NULL,
	"projects" integer NOT NULL,
	CONSTRAINT "project_tag_counts_org_id_visibility_tag_pk" PRIMARY KEY("org_id","visibility","tag")
);
--> statement-breakpoint
-- Keeps project_tag_counts equal to what the projects hold, in the writing transaction: one
-- statement's changed projects become (org, visibility, tag) deltas, applied in key order so
-- concurrent writers lock the count rows in the same order.
CREATE FUNCTION "project_tag_counts_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed integer;
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO project_tag_counts AS c (org_id, visibility, tag, projects)
    SELECT p.org_id, p.visibility, t.tag, count(*)::int
    FROM new_projects p CROSS JOIN LATERAL (SELECT DISTINCT unnest(p.tags)) t(tag)
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (org_id, visibility, tag) DO UPDATE SET projects = c.projects + excluded.projects;
    RETURN NULL;
  ELSIF TG_OP = 'UPDATE' THEN
    -- Most updates touch neither tags nor visibility: their deltas cancel out and nothing is written.
    INSERT INTO project_tag_counts AS c (org_id, visibility, tag, projects)
    SELECT d.org_id, d.visibility, d.tag, sum(d.n)::int
    FROM (SELECT p.org_id, p.visibility, t.tag, 1 AS n
          FROM new_projects p CROSS JOIN LATERAL (SELECT DISTINCT unnest(p.tags)) t(tag)
          UNION ALL
          SELECT p.org_id, p.visibility, t.tag, -1
          FROM old_projects p CROSS JOIN LATERAL (SELECT DISTINCT unnest(p.tags)) t(tag)) d
    GROUP BY 1, 2, 3 HAVING sum(d.n) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (org_id, visibility, tag) DO UPDATE SET projects = c.projects + excluded.projects;
  ELSE
    INSERT INTO project_tag_counts AS c (org_id, visibility, tag, projects)
    SELECT p.org_id, p.visibility, t.tag, -count(*)::int
    FROM old_projects p CROSS JOIN LATERAL (SELECT DISTINCT unnest(p.tags)) t(tag)
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (org_id, visibility, tag) DO UPDATE SET projects = c.projects + excluded.projects;
  END IF;
  GET DIAGNOSTICS changed = ROW_COUNT;
  IF changed > 0 THEN
    DELETE FROM project_tag_counts c WHERE c.projects <= 0 AND c.org_id IN (SELECT DISTINCT org_id FROM old_projects);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "project_tag_counts_insert" AFTER INSERT ON "projects"
  REFERENCING NEW TABLE AS new_projects FOR EACH STATEMENT EXECUTE FUNCTION "project_tag_counts_apply"();
--> statement-breakpoint
CREATE TRIGGER "project_tag_counts_update" AFTER UPDATE ON "projects"
  REFERENCING OLD TABLE AS old_projects NEW TABLE AS new_projects FOR EACH STATEMENT EXECUTE FUNCTION "project_tag_counts_apply"();
--> statement-breakpoint
CREATE TRIGGER "project_tag_counts_delete" AFTER DELETE ON "projects"
  REFERENCING OLD TABLE AS old_projects FOR EACH STATEMENT EXECUTE FUNCTION "project_tag_counts_apply"();
--> statement-breakpoint
INSERT INTO "project_tag_counts" (org_id, visibility, tag, projects)
SELECT p.org_id, p.visibility, t.tag, count(*)::int
FROM "projects" p CROSS JOIN LATERAL (SELECT DISTINCT unnest(p.tags)) t(tag)
GROUP BY 1, 2, 3;
