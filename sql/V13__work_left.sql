-- The "work left" rule, written once: a job still has objects queued or being scanned. Every
-- statement that tells a listed job that is still processing from a completed one asks this.
CREATE FUNCTION job_work_left(p_job_id uuid) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT COALESCE(sum(queued + processing), 0) > 0 FROM job_counters WHERE job_id = p_job_id
$$;
