-- Invitation e-mails queued before links were sealed hold their full link in plain text: remove
-- the token from every stored copy (a message not yet sent then carries a dead link, which the
-- inviter can re-send; a usable link at rest is worse).
UPDATE "email_outbox"
SET "text" = regexp_replace("text", '/invite/[A-Za-z0-9_-]{43}', '/invite/(link removed: ask for the invitation to be re-sent)', 'g'),
    "html" = regexp_replace("html", '/invite/[A-Za-z0-9_-]{43}', '/invite/(link removed: ask for the invitation to be re-sent)', 'g')
WHERE "text" ~ '/invite/[A-Za-z0-9_-]{43}' OR "html" ~ '/invite/[A-Za-z0-9_-]{43}';
