-- Incremental runs: a job may scan against a baseline job of the same bucket. An object whose
-- size and ETag equal the baseline's (and that the baseline scanned) is not downloaded again: it
-- is recorded as succeeded and unchanged, with the baseline's findings copied, so the job's
-- findings describe the whole bucket now. Objects of the baseline that are gone are counted.
ALTER TABLE jobs
    ADD COLUMN baseline_job_id   uuid REFERENCES jobs (job_id) ON DELETE SET NULL,
    ADD COLUMN unchanged_objects bigint NOT NULL DEFAULT 0,
    ADD COLUMN deleted_objects   bigint;
ALTER TABLE job_objects ADD COLUMN unchanged boolean NOT NULL DEFAULT false;
-- A schedule's runs may be incremental against its last completed run.
ALTER TABLE schedules ADD COLUMN incremental boolean NOT NULL DEFAULT false;
