package scanner.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import scanner.jobs.JobRepository;
import scanner.listing.ListingJob;
import scanner.listing.ListingPage;
import scanner.listing.ListingRepository;
import scanner.scan.ClaimedObject;
import scanner.scan.Finding;
import scanner.scan.LostWork;
import scanner.scan.ObjectRepository;
import scanner.scan.ScanMessage;
import scanner.scan.ScanOutcome;
import scanner.support.TestDatabase;

/**
 * The maintained counters always equal a count of the rows: random concurrent workloads of pages,
 * claims, outcomes with findings, re-deliveries, releases, sweeps, aborts and transactions that die
 * half-way, then every job's counters (job_summary) are compared with the rows counted directly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CountersTest {

    private static final int JOBS = 3;
    private static final int WORKERS = 6;
    private static final int STEPS = 250;

    private TestDatabase db;

    @BeforeAll
    void createDatabase() {
        db = TestDatabase.createMigrated();
    }

    @AfterAll
    void dropDatabase() {
        db.close();
    }

    @Test
    void counters_equal_a_recount_after_random_concurrent_workloads() throws Exception {
        JobRepository jobs = new JobRepository(db.dataSource());
        ListingRepository listing = new ListingRepository(db.dataSource(), Duration.ofSeconds(20), 10);
        List<UUID> ids = new ArrayList<>();
        for (int j = 0; j < JOBS; j++) {
            UUID id = UUID.randomUUID();
            jobs.create(id, "bucket", "", null);
            ids.add(id);
        }

        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            long seed = 1000 + w;
            workers.add(pool.submit(() -> {
                work(new Random(seed), ids, listing, jobs);
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();

        for (UUID id : ids) {
            assertEquals(rowCount(id), counters(id), "job " + id);
            assertEquals(rowCount(id), recount(id), "recount_job of " + id);
            assertEquals(rowCount(id), counters(id), "after the recount, job " + id);
        }
        db.sql("DELETE FROM job_objects WHERE key LIKE 'k1%'", "DELETE FROM findings WHERE line = 2");
        for (UUID id : ids) {
            assertEquals(rowCount(id), counters(id), "after deletes, job " + id);
        }
    }

    private void work(Random random, List<UUID> ids, ListingRepository listing, JobRepository jobs) throws Exception {
        ObjectRepository objects = new ObjectRepository(db.dataSource(), Duration.ofSeconds(30));
        LostWork sweeper = new LostWork(db.dataSource(), () -> 0, Duration.ZERO, 50, false);
        for (int step = 0; step < STEPS; step++) {
            UUID job = ids.get(random.nextInt(ids.size()));
            String key = "k" + random.nextInt(200);
            int action = random.nextInt(100);
            if (action < 20) { // a listed page, possibly listed again
                List<ListingPage.ListedObject> page = new ArrayList<>();
                for (int i = 0; i < 1 + random.nextInt(20); i++) {
                    page.add(new ListingPage.ListedObject("k" + random.nextInt(200), 10, "e"));
                }
                listing.recordPage(new ListingJob(job, "bucket", "", null),
                        new ListingPage(page.stream().distinct().toList(), "t"));
            } else if (action < 65) { // a scan, succeeded with findings or failed, sometimes twice
                ClaimedObject claimed = objects.claim(new ScanMessage(job, "bucket", key, 10));
                if (claimed != null) {
                    ScanOutcome outcome = random.nextInt(4) == 0 ? ScanOutcome.failed("cannot read")
                            : ScanOutcome.succeeded(findings(random));
                    if (random.nextInt(5) == 0) {
                        objects.release(claimed); // a failed attempt: the message comes back
                    } else {
                        objects.store(claimed, outcome);
                        objects.store(claimed, outcome); // a late duplicate changes nothing
                    }
                }
            } else if (action < 75) { // a scanner that dies: its claim lapses
                ClaimedObject claimed = objects.claim(new ScanMessage(job, "bucket", key, 10));
                if (claimed != null) {
                    db.sql("UPDATE job_objects SET claimed_until = now() - interval '1 second' WHERE id = " + claimed.id());
                }
            } else if (action < 85) {
                sweeper.sweep();
            } else if (action < 95) { // a transaction that dies half-way
                try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                    c.setAutoCommit(false);
                    s.execute("INSERT INTO job_objects (job_id, key, size) VALUES ('" + job + "', 'tmp" + step + "', 1)");
                    s.execute("UPDATE job_objects SET status = 'failed' WHERE job_id = '" + job + "' AND key = '" + key + "'");
                    s.execute("INSERT INTO findings (job_id, object_id, detector, line, byte_offset, masked) "
                            + "SELECT job_id, id, 'X', 1, 99999, 'm' FROM job_objects WHERE job_id = '" + job + "' LIMIT 1");
                    c.rollback();
                }
            } else if (action < 97) {
                jobs.abort(job);
            } else {
                objects.releaseAll();
            }
        }
    }

    private static List<Finding> findings(Random random) {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < random.nextInt(4); i++) {
            findings.add(new Finding("US_SSN", 1 + random.nextInt(2), i * 10L, "***-**-0001"));
        }
        return findings;
    }

    /** The job's counts from its rows: total, queued, processing, succeeded, failed, findings. */
    private List<Long> rowCount(UUID job) throws SQLException {
        return row("""
                SELECT (SELECT count(*) FROM job_objects WHERE job_id = ?),
                       (SELECT count(*) FROM job_objects WHERE job_id = ? AND status = 'queued'),
                       (SELECT count(*) FROM job_objects WHERE job_id = ? AND status = 'processing'),
                       (SELECT count(*) FROM job_objects WHERE job_id = ? AND status = 'succeeded'),
                       (SELECT count(*) FROM job_objects WHERE job_id = ? AND status = 'failed'),
                       (SELECT count(*) FROM findings WHERE job_id = ?)
                """, job, 6);
    }

    private List<Long> counters(UUID job) throws SQLException {
        return row("SELECT total_objects, queued, processing, succeeded, failed, total_findings FROM job_summary"
                + " WHERE job_id = ?", job, 1);
    }

    private List<Long> recount(UUID job) throws SQLException {
        return row("SELECT * FROM recount_job(?)", job, 1);
    }

    private List<Long> row(String sql, UUID job, int parameters) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 1; i <= parameters; i++) {
                ps.setObject(i, job);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                List<Long> values = new ArrayList<>();
                for (int i = 1; i <= 6; i++) {
                    values.add(rs.getLong(i));
                }
                return values;
            }
        }
    }
}
