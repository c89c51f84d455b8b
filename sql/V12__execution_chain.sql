-- A job's listing runs as a chain of Step Functions executions: each continues as a new execution
-- before its history reaches the 25,000-event quota. jobs.execution_arn is the newest; this table
-- records every execution of the chain, in the order they started.
CREATE TABLE job_executions (
    job_id        uuid        NOT NULL REFERENCES jobs (job_id) ON DELETE CASCADE,
    execution_arn text        NOT NULL,
    started_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (job_id, execution_arn)
);
INSERT INTO job_executions (job_id, execution_arn, started_at)
SELECT job_id, execution_arn, created_at FROM jobs WHERE execution_arn IS NOT NULL;
