-- Per-scan options of POST /scan (include/exclude globs, extensions, size limit, modified_after).
ALTER TABLE jobs ADD COLUMN IF NOT EXISTS options jsonb NOT NULL DEFAULT '{}'::jsonb;
