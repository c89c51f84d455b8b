package scanner.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Cached statuses come from memory, reloaded once per refresh; jobs whose stage changed since go to the tables. */
class ProgressCacheTest {

    private static JobStatus status(UUID id, String source) {
        return new JobStatus(id.toString(), "b", "", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", "processing",
                "Scanning objects (1/2)", "SUCCEEDED", null, 2, 1, 0, 1, 0, 0, 50.0, source,
                source.equals("cached") ? "2026-01-01T00:00:00Z" : null, source.equals("cached") ? 5L : null, null, null, null, null);
    }

    /** A repository that counts what it is asked, without a database. */
    private static final class Counting extends JobRepository {
        OffsetDateTime refreshedAt = OffsetDateTime.parse("2026-01-01T00:00:00Z");
        Map<UUID, JobStatus> cached = Map.of();
        Set<UUID> changed = new HashSet<>();
        int loads;
        int lookups;

        Counting() {
            super(null);
        }

        @Override
        public OffsetDateTime lastRefresh() {
            return refreshedAt;
        }

        @Override
        public ProgressSnapshot loadSnapshot() {
            loads++;
            return new ProgressSnapshot(cached, refreshedAt);
        }

        @Override
        public Set<UUID> stageChangedSince(OffsetDateTime since) {
            return changed;
        }

        @Override
        public Optional<JobStatus> findStatus(UUID jobId, boolean realTime) {
            lookups++;
            return Optional.of(status(jobId, "real_time"));
        }
    }

    @Test
    void cached_answers_cost_no_query_until_the_next_refresh() throws Exception {
        UUID job = UUID.randomUUID();
        Counting repository = new Counting();
        repository.cached = Map.of(job, status(job, "cached"));
        ProgressCache cache = new ProgressCache(repository);

        cache.follow();
        for (int i = 0; i < 1000; i++) {
            assertEquals("cached", cache.status(job, false).orElseThrow().dataSource());
        }
        cache.follow();
        assertEquals(0, repository.lookups, "no query for a cached answer");
        assertEquals(1, repository.loads, "the same refresh is loaded once");

        repository.refreshedAt = repository.refreshedAt.plusMinutes(1);
        cache.follow();
        assertEquals(2, repository.loads, "a newer refresh is loaded");
    }

    @Test
    void real_time_unknown_and_stage_changed_jobs_are_read_from_the_tables() throws Exception {
        UUID job = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        Counting repository = new Counting();
        repository.cached = Map.of(job, status(job, "cached"));
        ProgressCache cache = new ProgressCache(repository);
        cache.follow();

        assertEquals("real_time", cache.status(job, true).orElseThrow().dataSource());
        assertEquals("real_time", cache.status(other, false).orElseThrow().dataSource(), "not in the last refresh");
        repository.changed.add(job); // aborted since the refresh
        cache.follow();
        assertEquals("real_time", cache.status(job, false).orElseThrow().dataSource());
        assertEquals(3, repository.lookups);
        assertSame(repository.cached.get(job), cache.snapshot().statuses().get(job));
        assertEquals(List.of(), List.copyOf(new ProgressCache(repository).snapshot().statuses().values()), "empty before following");
    }
}
