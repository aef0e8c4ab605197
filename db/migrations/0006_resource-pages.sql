DROP INDEX "resources_project_kind_idx";--> statement-breakpoint
CREATE INDEX "resources_project_created_idx" ON "resources" USING btree ("project_id","created_at","id");--> statement-breakpoint
CREATE INDEX "resources_project_kind_created_idx" ON "resources" USING btree ("project_id","kind","created_at","id");