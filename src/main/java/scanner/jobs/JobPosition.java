package scanner.jobs;

import java.util.UUID;

/** Position in the newest-first job list: the last job seen and its creation time (µs since the epoch). */
public record JobPosition(long createdMicros, UUID jobId) {
}
