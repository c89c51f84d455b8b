package scanner.jobs;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * Serves cached job statuses from memory. {@link #follow()} runs on a timer in every API process:
 * when another refresh of job_progress has been recorded (by this process or another), it loads
 * the whole view once; every time, it asks which jobs changed stage since (one indexed query), so a
 * job that was aborted or finished listing is answered from the tables until the next refresh.
 * Requests in between cost no connection.
 */
public class ProgressCache {

    private final JobRepository jobs;
    private volatile ProgressSnapshot snapshot = ProgressSnapshot.EMPTY;

    public ProgressCache(JobRepository jobs) {
        this.jobs = jobs;
    }

    /** Loads a newer refresh if there is one, and the jobs whose stage changed since the loaded one. */
    public void follow() throws SQLException {
        ProgressSnapshot current = snapshot;
        OffsetDateTime latest = jobs.lastRefresh();
        if (latest != null && (current.refreshedAt() == null || latest.isAfter(current.refreshedAt()))) {
            current = jobs.loadSnapshot();
        }
        if (current.refreshedAt() != null) {
            current = current.withStale(jobs.stageChangedSince(current.refreshedAt()));
        }
        snapshot = current;
    }

    /** The cached status of the job when the snapshot holds it; else the repository's answer (cached or real time). */
    public Optional<JobStatus> status(UUID jobId, boolean realTime) throws SQLException {
        if (!realTime) {
            JobStatus cached = snapshot.cached(jobId);
            if (cached != null) {
                return Optional.of(cached);
            }
        }
        return jobs.findStatus(jobId, realTime);
    }

    ProgressSnapshot snapshot() {
        return snapshot;
    }
}
