-- Findings inside archives and documents name where they are ("exports.zip!/2024/customers.csv");
-- '' for the object's own text. Two entries of one archive may hold a match at the same offset,
-- so the location joins the key that keeps a re-delivered object from storing a finding twice.
ALTER TABLE findings ADD COLUMN location text NOT NULL DEFAULT '';
ALTER TABLE findings DROP CONSTRAINT findings_object_match_uk;
ALTER TABLE findings ADD CONSTRAINT findings_object_match_uk UNIQUE (object_id, detector, location, byte_offset);

-- An object whose findings passed the cap (scanner.scan.max-findings-per-object) says how many
-- were counted and not kept.
ALTER TABLE job_objects ADD COLUMN findings_dropped bigint NOT NULL DEFAULT 0;
