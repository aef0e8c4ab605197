DROP INDEX "project_grants_user_idx";--> statement-breakpoint
DROP INDEX "project_grants_team_idx";--> statement-breakpoint
DROP INDEX "projects_visibility_idx";--> statement-breakpoint
DROP INDEX "team_members_user_idx";--> statement-breakpoint
CREATE INDEX "project_grants_project_idx" ON "project_grants" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_grants_user_project_idx" ON "project_grants" USING btree ("user_id","project_id");--> statement-breakpoint
CREATE INDEX "project_grants_team_project_idx" ON "project_grants" USING btree ("team_id","project_id");--> statement-breakpoint
CREATE INDEX "projects_org_name_idx" ON "projects" USING btree ("org_id",lower("name"),"id");--> statement-breakpoint
CREATE INDEX "projects_org_updated_idx" ON "projects" USING btree ("org_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "team_members_user_team_idx" ON "team_members" USING btree ("user_id","team_id");