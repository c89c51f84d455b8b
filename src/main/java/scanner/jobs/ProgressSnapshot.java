package scanner.jobs;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The cached statuses of every job as of one refresh of job_progress, held in memory so that a
 * cached GET /jobs/{id} touches no connection. {@code stale} names the jobs whose listing stage
 * changed since that refresh: those are answered from the tables, as before.
 */
public record ProgressSnapshot(Map<UUID, JobStatus> statuses, OffsetDateTime refreshedAt, Set<UUID> stale) {

    public static final ProgressSnapshot EMPTY = new ProgressSnapshot(Map.of(), null, Set.of());

    public ProgressSnapshot(Map<UUID, JobStatus> statuses, OffsetDateTime refreshedAt) {
        this(Map.copyOf(statuses), refreshedAt, Set.of());
    }

    /** The job's cached status, or null: not in this snapshot, or its stage changed since. */
    public JobStatus cached(UUID jobId) {
        return stale.contains(jobId) ? null : statuses.get(jobId);
    }

    public ProgressSnapshot withStale(Set<UUID> jobs) {
        return new ProgressSnapshot(statuses, refreshedAt, Set.copyOf(jobs));
    }
}
