-- Cached per-job progress for the API's default (fast) answers, refreshed by the
-- refresh route with REFRESH MATERIALIZED VIEW CONCURRENTLY.

CREATE MATERIALIZED VIEW IF NOT EXISTS job_progress AS
SELECT
    j.job_id,
    j.bucket,
    j.prefix,
    j.execution_arn,
    j.created_at,
    -- The job row changes while listing; its objects change while they are scanned.
    GREATEST(j.updated_at, o.last_object_update) AS updated_at,
    COALESCE(o.total_objects, 0)    AS total_objects,
    COALESCE(o.queued_count, 0)     AS queued_count,
    COALESCE(o.processing_count, 0) AS processing_count,
    COALESCE(o.succeeded_count, 0)  AS succeeded_count,
    COALESCE(o.failed_count, 0)     AS failed_count,
    COALESCE(f.total_findings, 0)   AS total_findings,
    CASE
        WHEN COALESCE(o.total_objects, 0) = 0 THEN 0.0
        ELSE (o.succeeded_count + o.failed_count) * 100.0 / o.total_objects
    END AS progress_percent
FROM jobs j
LEFT JOIN (
    SELECT job_id,
           max(updated_at)                                AS last_object_update,
           count(*)                                       AS total_objects,
           count(*) FILTER (WHERE status = 'queued')      AS queued_count,
           count(*) FILTER (WHERE status = 'processing')  AS processing_count,
           count(*) FILTER (WHERE status = 'succeeded')   AS succeeded_count,
           count(*) FILTER (WHERE status = 'failed')      AS failed_count
    FROM job_objects
    GROUP BY job_id
) o ON o.job_id = j.job_id
LEFT JOIN (
    SELECT job_id, count(*) AS total_findings
    FROM findings
    GROUP BY job_id
) f ON f.job_id = j.job_id;

-- REFRESH ... CONCURRENTLY needs a unique index; it also serves the API's lookup by job_id.
CREATE UNIQUE INDEX IF NOT EXISTS job_progress_job_id_uk ON job_progress (job_id);
CREATE INDEX IF NOT EXISTS job_progress_created_at_idx ON job_progress (created_at DESC);

-- Jobs still moving: listing, or with objects queued or being scanned.
CREATE OR REPLACE VIEW active_jobs_progress AS
SELECT p.*
FROM job_progress p
WHERE p.queued_count > 0
   OR p.processing_count > 0
   OR EXISTS (SELECT 1 FROM jobs j WHERE j.job_id = p.job_id AND j.step_function_status = 'RUNNING');

-- One row per refresh: when its snapshot was taken and how long it took.
CREATE TABLE IF NOT EXISTS job_progress_refreshes (
    id           bigserial   PRIMARY KEY,
    refreshed_at timestamptz NOT NULL,
    duration_ms  bigint      NOT NULL
);

CREATE INDEX IF NOT EXISTS job_progress_refreshes_at_idx ON job_progress_refreshes (refreshed_at DESC);

-- Refreshes job_progress and records the refresh in one call. Several refresher processes may
-- call it at once: the advisory lock lets one refresh and the others return no row.
CREATE OR REPLACE FUNCTION refresh_job_progress()
    RETURNS TABLE (refreshed_at timestamptz, duration_ms bigint)
    LANGUAGE plpgsql AS
$$
DECLARE
    started timestamptz := clock_timestamp();
BEGIN
    IF NOT pg_try_advisory_xact_lock(hashtext('refresh_job_progress')) THEN
        RETURN;
    END IF;
    REFRESH MATERIALIZED VIEW CONCURRENTLY job_progress;
    -- Keep a week of history; enough to see a trend, small enough to stay fast.
    DELETE FROM job_progress_refreshes r WHERE r.refreshed_at < now() - interval '7 days';
    RETURN QUERY
        INSERT INTO job_progress_refreshes AS r (refreshed_at, duration_ms)
        VALUES (started, round(extract(epoch FROM clock_timestamp() - started) * 1000)::bigint)
        RETURNING r.refreshed_at, r.duration_ms;
END
$$;
