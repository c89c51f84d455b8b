package scanner.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import scanner.jobs.JobRepository;
import scanner.listing.ListingRepository;
import scanner.listing.ListingJob;
import scanner.listing.ListingPage;
import scanner.support.TestDatabase;

/**
 * What an incremental run over N unchanged objects costs the database: the listing's recording
 * of N objects in pages of 1,000, with the set-based carry-over (one statement per page: compare
 * with the baseline, mark unchanged, copy findings), beside the same recording for a full run
 * (the plain alternative: record and enqueue everything). Loads the baseline by SQL (N objects,
 * one finding per ten). Run: bench/incremental-carry-over.sh [N=1000000]
 */
public final class IncrementalCarryOver {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        try (TestDatabase db = TestDatabase.createMigrated()) {
            UUID base = UUID.randomUUID();
            long t0 = System.nanoTime();
            db.sql("INSERT INTO jobs (job_id, bucket, prefix, step_function_status) VALUES ('" + base + "', 'big', '', 'SUCCEEDED')",
                    "INSERT INTO job_objects (job_id, key, size, etag, status, findings_count) SELECT '" + base
                            + "', 'k/' || lpad(i::text, 9, '0'), 100, md5(i::text), 'succeeded', CASE WHEN i % 10 = 0 THEN 1 ELSE 0 END "
                            + "FROM generate_series(1, " + n + ") i",
                    "INSERT INTO findings (job_id, object_id, detector, line, byte_offset, masked) SELECT job_id, id, 'US_SSN', 1, 0, "
                            + "'***-**-0001' FROM job_objects WHERE job_id = '" + base + "' AND findings_count = 1",
                    "VACUUM ANALYZE");
            System.out.printf(Locale.ROOT, "baseline of %,d objects loaded in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
            JobRepository jobs = new JobRepository(db.dataSource());
            ListingRepository listing = new ListingRepository(db.dataSource(), Duration.ofMinutes(10), 3);
            List<ListingPage> pages = new ArrayList<>();
            for (int first = 1; first <= n; first += 1000) {
                List<ListingPage.ListedObject> objects = new ArrayList<>();
                for (int i = first; i < Math.min(n + 1, first + 1000); i++) {
                    objects.add(new ListingPage.ListedObject(String.format("k/%09d", i), 100, md5(Integer.toString(i))));
                }
                pages.add(new ListingPage(objects, first + 1000 > n ? null : "next"));
            }
            double full = record(jobs, listing, pages, null);
            double incremental = record(jobs, listing, pages, base);
            long unchanged = db.queryLong("SELECT max(unchanged_objects) FROM jobs");
            long carried = db.queryLong("SELECT count(*) FROM findings f JOIN jobs j ON j.job_id = f.job_id WHERE j.baseline_job_id IS NOT NULL");
            System.out.printf(Locale.ROOT, "full run, recording %,d objects (plain alternative): %.1f s, %.1f ms a page%n",
                    n, full, full * 1000 / pages.size());
            System.out.printf(Locale.ROOT, "incremental run, recording + carry-over: %.1f s, %.1f ms a page; %,d unchanged, %,d findings carried%n",
                    incremental, incremental * 1000 / pages.size(), unchanged, carried);
            System.out.printf(Locale.ROOT, "incremental / full: %.2f (and no object downloaded, no message sent)%n", incremental / full);
        }
    }

    private static double record(JobRepository jobs, ListingRepository listing, List<ListingPage> pages, UUID baseline) throws Exception {
        UUID id = UUID.randomUUID();
        jobs.create(id, "big", "", null, "{}", baseline);
        ListingJob job = listing.claimNext();
        long start = System.nanoTime();
        for (ListingPage page : pages) {
            listing.recordPage(job, page);
            listing.advance(job, page);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static String md5(String s) throws Exception {
        byte[] d = java.security.MessageDigest.getInstance("MD5").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        StringBuilder hex = new StringBuilder();
        for (byte b : d) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }
}
