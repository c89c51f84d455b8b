-- The database owns the work; the queue is only transport. For each object: when a message was
-- last sent for it (NULL: one must be sent at once), and until when a scanner's claim on it holds
-- (renewed by the scanner's heartbeat). Whatever the queue loses is found again from these.
ALTER TABLE job_objects ADD COLUMN IF NOT EXISTS enqueued_at timestamptz DEFAULT now();
ALTER TABLE job_objects ADD COLUMN IF NOT EXISTS claimed_until timestamptz;

-- The re-enqueue sweep's two searches: queued the longest, and claims that lapsed.
CREATE INDEX IF NOT EXISTS job_objects_queued_since_idx ON job_objects (enqueued_at NULLS FIRST) WHERE status = 'queued';
CREATE INDEX IF NOT EXISTS job_objects_claimed_until_idx ON job_objects (claimed_until) WHERE status = 'processing';

-- Listing retries transient errors with backoff: consecutive failed attempts of the current page.
ALTER TABLE jobs ADD COLUMN IF NOT EXISTS listing_attempts integer NOT NULL DEFAULT 0;
