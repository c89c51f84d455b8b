-- Per-job counts kept up to date by the statements that change objects and findings, in the same
-- transactions, so that a job's status costs a few rows whatever its size. The counts of a job are
-- spread over a few slots (one per database session, modulo 8): concurrent scanners each add to
-- their own row instead of queuing on one hot row. A job's count is the sum of its slots.
CREATE TABLE job_counters (
    job_id      uuid        NOT NULL REFERENCES jobs (job_id) ON DELETE CASCADE,
    slot        smallint    NOT NULL,
    total       bigint      NOT NULL DEFAULT 0,
    queued      bigint      NOT NULL DEFAULT 0,
    processing  bigint      NOT NULL DEFAULT 0,
    succeeded   bigint      NOT NULL DEFAULT 0,
    failed      bigint      NOT NULL DEFAULT 0,
    findings    bigint      NOT NULL DEFAULT 0,
    last_change timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (job_id, slot)
);

CREATE FUNCTION job_counter_slot() RETURNS smallint LANGUAGE sql STABLE AS
$$ SELECT (pg_backend_pid() % 8)::smallint $$;

-- Statement-level triggers with transition tables: one upsert per job and statement, however many
-- rows the statement touched (a listed page of 1,000 objects costs one counter update).
CREATE FUNCTION job_objects_count_insert() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO job_counters AS c (job_id, slot, total, queued, processing, succeeded, failed, last_change)
    SELECT n.job_id, job_counter_slot(), count(*),
           count(*) FILTER (WHERE n.status = 'queued'),
           count(*) FILTER (WHERE n.status = 'processing'),
           count(*) FILTER (WHERE n.status = 'succeeded'),
           count(*) FILTER (WHERE n.status = 'failed'),
           now()
    FROM new_rows n
    GROUP BY n.job_id
    ORDER BY n.job_id -- one lock order for every writer
    ON CONFLICT (job_id, slot) DO UPDATE SET
        total = c.total + excluded.total, queued = c.queued + excluded.queued,
        processing = c.processing + excluded.processing, succeeded = c.succeeded + excluded.succeeded,
        failed = c.failed + excluded.failed, last_change = excluded.last_change;
    RETURN NULL;
END
$$;

CREATE FUNCTION job_objects_count_update() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO job_counters AS c (job_id, slot, queued, processing, succeeded, failed, last_change)
    SELECT n.job_id, job_counter_slot(),
           count(*) FILTER (WHERE n.status = 'queued') - count(*) FILTER (WHERE o.status = 'queued'),
           count(*) FILTER (WHERE n.status = 'processing') - count(*) FILTER (WHERE o.status = 'processing'),
           count(*) FILTER (WHERE n.status = 'succeeded') - count(*) FILTER (WHERE o.status = 'succeeded'),
           count(*) FILTER (WHERE n.status = 'failed') - count(*) FILTER (WHERE o.status = 'failed'),
           now()
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE n.status IS DISTINCT FROM o.status
    GROUP BY n.job_id
    ORDER BY n.job_id -- one lock order for every writer
    ON CONFLICT (job_id, slot) DO UPDATE SET
        queued = c.queued + excluded.queued, processing = c.processing + excluded.processing,
        succeeded = c.succeeded + excluded.succeeded, failed = c.failed + excluded.failed,
        last_change = excluded.last_change;
    RETURN NULL;
END
$$;

-- Rows deleted with their job (ON DELETE CASCADE) need no counting: the job's counters go too.
CREATE FUNCTION job_objects_count_delete() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO job_counters AS c (job_id, slot, total, queued, processing, succeeded, failed, last_change)
    SELECT o.job_id, job_counter_slot(), -count(*),
           -count(*) FILTER (WHERE o.status = 'queued'),
           -count(*) FILTER (WHERE o.status = 'processing'),
           -count(*) FILTER (WHERE o.status = 'succeeded'),
           -count(*) FILTER (WHERE o.status = 'failed'),
           now()
    FROM old_rows o
    WHERE EXISTS (SELECT 1 FROM jobs j WHERE j.job_id = o.job_id)
    GROUP BY o.job_id
    ORDER BY o.job_id
    ON CONFLICT (job_id, slot) DO UPDATE SET
        total = c.total + excluded.total, queued = c.queued + excluded.queued,
        processing = c.processing + excluded.processing, succeeded = c.succeeded + excluded.succeeded,
        failed = c.failed + excluded.failed, last_change = excluded.last_change;
    RETURN NULL;
END
$$;

CREATE FUNCTION findings_count_change() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO job_counters AS c (job_id, slot, findings, last_change)
        SELECT n.job_id, job_counter_slot(), count(*), now() FROM new_rows n GROUP BY n.job_id ORDER BY n.job_id
        ON CONFLICT (job_id, slot) DO UPDATE SET findings = c.findings + excluded.findings,
                                                 last_change = excluded.last_change;
    ELSE
        INSERT INTO job_counters AS c (job_id, slot, findings, last_change)
        SELECT o.job_id, job_counter_slot(), -count(*), now() FROM old_rows o
        WHERE EXISTS (SELECT 1 FROM jobs j WHERE j.job_id = o.job_id)
        GROUP BY o.job_id ORDER BY o.job_id
        ON CONFLICT (job_id, slot) DO UPDATE SET findings = c.findings + excluded.findings,
                                                 last_change = excluded.last_change;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER job_objects_counted_insert AFTER INSERT ON job_objects
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION job_objects_count_insert();
CREATE TRIGGER job_objects_counted_update AFTER UPDATE ON job_objects
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION job_objects_count_update();
CREATE TRIGGER job_objects_counted_delete AFTER DELETE ON job_objects
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION job_objects_count_delete();
CREATE TRIGGER findings_counted_insert AFTER INSERT ON findings
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION findings_count_change();
CREATE TRIGGER findings_counted_delete AFTER DELETE ON findings
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION findings_count_change();

-- For operators: recounts a job from its rows and replaces its counters; returns the recount.
-- Writers to the counters wait while it runs, so nothing is counted twice or missed.
CREATE FUNCTION recount_job(p_job uuid)
    RETURNS TABLE (total bigint, queued bigint, processing bigint, succeeded bigint, failed bigint, findings bigint)
    LANGUAGE plpgsql AS
$$
BEGIN
    LOCK TABLE job_counters IN SHARE ROW EXCLUSIVE MODE;
    DELETE FROM job_counters c WHERE c.job_id = p_job;
    INSERT INTO job_counters (job_id, slot, total, queued, processing, succeeded, failed, findings)
    SELECT p_job, 0, count(*),
           count(*) FILTER (WHERE o.status = 'queued'),
           count(*) FILTER (WHERE o.status = 'processing'),
           count(*) FILTER (WHERE o.status = 'succeeded'),
           count(*) FILTER (WHERE o.status = 'failed'),
           (SELECT count(*) FROM findings f WHERE f.job_id = p_job)
    FROM job_objects o WHERE o.job_id = p_job
    HAVING EXISTS (SELECT 1 FROM jobs j WHERE j.job_id = p_job);
    RETURN QUERY SELECT c.total, c.queued, c.processing, c.succeeded, c.failed, c.findings
                 FROM job_counters c WHERE c.job_id = p_job;
END
$$;

-- Counters for the jobs that exist already.
INSERT INTO job_counters (job_id, slot, total, queued, processing, succeeded, failed, findings)
SELECT j.job_id, 0, COALESCE(o.total, 0), COALESCE(o.queued, 0), COALESCE(o.processing, 0),
       COALESCE(o.succeeded, 0), COALESCE(o.failed, 0), COALESCE(f.findings, 0)
FROM jobs j
LEFT JOIN (SELECT job_id, count(*) AS total,
                  count(*) FILTER (WHERE status = 'queued') AS queued,
                  count(*) FILTER (WHERE status = 'processing') AS processing,
                  count(*) FILTER (WHERE status = 'succeeded') AS succeeded,
                  count(*) FILTER (WHERE status = 'failed') AS failed
           FROM job_objects GROUP BY job_id) o ON o.job_id = j.job_id
LEFT JOIN (SELECT job_id, count(*) AS findings FROM findings GROUP BY job_id) f ON f.job_id = j.job_id;

-- The seeds' views keep their names, columns and meaning, now built from the counters: a job's
-- real-time status and a refresh of job_progress cost per job, not per object.
CREATE OR REPLACE VIEW job_summary AS
SELECT
    j.job_id,
    j.bucket,
    j.prefix,
    j.created_at,
    GREATEST(j.updated_at, c.last_change) AS updated_at,
    COALESCE(c.total, 0)      AS total_objects,
    COALESCE(c.queued, 0)     AS queued,
    COALESCE(c.processing, 0) AS processing,
    COALESCE(c.succeeded, 0)  AS succeeded,
    COALESCE(c.failed, 0)     AS failed,
    COALESCE(c.findings, 0)   AS total_findings
FROM jobs j
-- Per job, a lookup of its few counter rows (the primary key), so that asking for one job or a
-- page of jobs costs the same whatever the number of jobs.
CROSS JOIN LATERAL (
    SELECT max(last_change) AS last_change,
           sum(total)::bigint AS total, sum(queued)::bigint AS queued, sum(processing)::bigint AS processing,
           sum(succeeded)::bigint AS succeeded, sum(failed)::bigint AS failed, sum(findings)::bigint AS findings
    FROM job_counters
    WHERE job_counters.job_id = j.job_id
) c;

DROP VIEW active_jobs_progress;
DROP MATERIALIZED VIEW job_progress;

CREATE MATERIALIZED VIEW job_progress AS
SELECT
    s.job_id,
    s.bucket,
    s.prefix,
    j.execution_arn,
    s.created_at,
    s.updated_at,
    s.total_objects,
    s.queued      AS queued_count,
    s.processing  AS processing_count,
    s.succeeded   AS succeeded_count,
    s.failed      AS failed_count,
    s.total_findings,
    CASE WHEN s.total_objects = 0 THEN 0.0
         ELSE (s.succeeded + s.failed) * 100.0 / s.total_objects
    END AS progress_percent
FROM job_summary s
JOIN jobs j ON j.job_id = s.job_id;

CREATE UNIQUE INDEX job_progress_job_id_uk ON job_progress (job_id);
CREATE INDEX job_progress_created_at_idx ON job_progress (created_at DESC);

CREATE VIEW active_jobs_progress AS
SELECT p.*
FROM job_progress p
WHERE p.queued_count > 0
   OR p.processing_count > 0
   OR EXISTS (SELECT 1 FROM jobs j WHERE j.job_id = p.job_id AND j.step_function_status = 'RUNNING');
