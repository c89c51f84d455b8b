-- The objects of an incremental run's baseline that were gone when the run's listing ended,
-- recorded once by one set-based statement, so GET /jobs/{id}/deleted-objects pages them by index.
CREATE TABLE deleted_objects (
    id             bigserial PRIMARY KEY,
    job_id         uuid   NOT NULL REFERENCES jobs (job_id) ON DELETE CASCADE,
    key            text   NOT NULL,
    size           bigint NOT NULL,
    findings_count integer NOT NULL
);
CREATE INDEX deleted_objects_by_job ON deleted_objects (job_id, id);
