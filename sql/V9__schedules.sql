-- Scheduled scans: a Quartz cron expression (UTC) starts an ordinary job at each fire time. The
-- replica that locks a due schedule (FOR UPDATE SKIP LOCKED) fires it and moves next_fire_at on,
-- in one transaction: one run per fire time whatever the number of replicas.
CREATE TABLE schedules (
    schedule_id      uuid        PRIMARY KEY,
    bucket           text        NOT NULL,
    prefix           text        NOT NULL DEFAULT '',
    options          jsonb       NOT NULL DEFAULT '{}',
    cron             text        NOT NULL,
    paused           boolean     NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL DEFAULT now(),
    next_fire_at     timestamptz,
    last_fired_at    timestamptz,
    last_job_id      uuid,
    last_skipped_at  timestamptz,
    last_skip_reason text
);
CREATE INDEX schedules_due ON schedules (next_fire_at) WHERE NOT paused;

-- The schedule a job came from (null for jobs started by POST /scan).
ALTER TABLE jobs ADD COLUMN schedule_id uuid REFERENCES schedules (schedule_id) ON DELETE SET NULL;
CREATE INDEX jobs_schedule ON jobs (schedule_id, created_at DESC) WHERE schedule_id IS NOT NULL;
