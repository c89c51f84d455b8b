-- S3 Scanner schema: jobs, the objects each job found, and the findings in them.
-- Applied by Flyway at start-up (advisory-locked, so several pods may start at once).

CREATE TABLE jobs (
    job_id               uuid PRIMARY KEY,
    bucket               text        NOT NULL,
    prefix               text        NOT NULL DEFAULT '',
    -- The listing stage, in Step Functions terms in both run modes.
    execution_arn        text,
    step_function_status text        NOT NULL DEFAULT 'RUNNING'
        CHECK (step_function_status IN ('RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED')),
    status_reason        text,
    -- Local-mode listing state: where the next page starts, and which lister holds the job until when.
    listing_token        text,
    listing_lease_until  timestamptz,
    stage_changed_at     timestamptz NOT NULL DEFAULT now(),
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now()
);

-- Newest first for GET /jobs, and the lister's search for jobs still listing.
CREATE INDEX jobs_created_at_idx ON jobs (created_at DESC, job_id DESC);
CREATE INDEX jobs_listing_idx ON jobs (created_at) WHERE step_function_status = 'RUNNING';

CREATE TABLE job_objects (
    id             bigserial   PRIMARY KEY,
    job_id         uuid        NOT NULL REFERENCES jobs (job_id) ON DELETE CASCADE,
    key            text        NOT NULL,
    size           bigint      NOT NULL,
    etag           text,
    status         text        NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'processing', 'succeeded', 'failed')),
    error          text,
    findings_count integer     NOT NULL DEFAULT 0,
    attempts       integer     NOT NULL DEFAULT 0,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    -- One row per key and job: a re-listed page (lister restart) inserts nothing twice.
    CONSTRAINT job_objects_job_key_uk UNIQUE (job_id, key)
);

-- Per-job counts by status (index-only scans) and GET /jobs/{id}/objects?status=.
CREATE INDEX job_objects_job_status_idx ON job_objects (job_id, status, id);

CREATE TABLE findings (
    id          bigserial   PRIMARY KEY,
    job_id      uuid        NOT NULL REFERENCES jobs (job_id) ON DELETE CASCADE,
    object_id   bigint      NOT NULL REFERENCES job_objects (id) ON DELETE CASCADE,
    detector    text        NOT NULL,
    line        integer     NOT NULL,
    byte_offset bigint      NOT NULL,
    -- Only the masked form is ever stored; the raw value never leaves the scanner.
    masked      text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    -- A re-delivered message replaces an object's findings; this guards against doubles all the same.
    CONSTRAINT findings_object_match_uk UNIQUE (object_id, detector, byte_offset)
);

CREATE INDEX findings_job_idx ON findings (job_id, id);

-- Real-time per-job statistics. Objects and findings are aggregated separately:
-- joining both tables on job_id would multiply every object by every finding of its job.
CREATE VIEW job_summary AS
SELECT
    j.job_id,
    j.bucket,
    j.prefix,
    j.created_at,
    -- The job row changes while listing; its objects change while they are scanned.
    GREATEST(j.updated_at, o.last_object_update) AS updated_at,
    COALESCE(o.total_objects, 0) AS total_objects,
    COALESCE(o.queued, 0)        AS queued,
    COALESCE(o.processing, 0)    AS processing,
    COALESCE(o.succeeded, 0)     AS succeeded,
    COALESCE(o.failed, 0)        AS failed,
    COALESCE(f.total_findings, 0) AS total_findings
FROM jobs j
LEFT JOIN (
    SELECT job_id,
           max(updated_at)                                AS last_object_update,
           count(*)                                       AS total_objects,
           count(*) FILTER (WHERE status = 'queued')      AS queued,
           count(*) FILTER (WHERE status = 'processing')  AS processing,
           count(*) FILTER (WHERE status = 'succeeded')   AS succeeded,
           count(*) FILTER (WHERE status = 'failed')      AS failed
    FROM job_objects
    GROUP BY job_id
) o ON o.job_id = j.job_id
LEFT JOIN (
    SELECT job_id, count(*) AS total_findings
    FROM findings
    GROUP BY job_id
) f ON f.job_id = j.job_id;
