package scanner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import scanner.support.RunningScanner;
import scanner.support.TestDatabase;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Scripted load, not a test: starts the application in local mode, uploads N small objects to its
 * S3 endpoint, scans them through the REST API and prints how long listing and scanning took.
 * Run with bench/scan-throughput.sh [objects] [scan-concurrency].
 */
public final class ScanThroughput {

    public static void main(String[] args) throws Exception {
        int objects = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Path dataDir = Files.createTempDirectory("scan-throughput");
        try (TestDatabase db = TestDatabase.create()) {
            long t0 = System.nanoTime();
            // BENCH_ROLES=api,lister measures the listing alone, without scanners competing for the cores.
            String roles = System.getenv().getOrDefault("BENCH_ROLES", "api,lister,scanner,refresher");
            boolean scanning = roles.contains("scanner");
            try (RunningScanner app = RunningScanner.start(db, dataDir, Map.of(
                    "scanner.scan.concurrency", Integer.toString(concurrency),
                    "scanner.refresh.interval", "5s",
                    "scanner.roles", roles))) {
                double startSeconds = seconds(t0);
                upload(app, objects);
                double plainList = plainListing(app);
                double plainGet = plainGets(app, concurrency * 4);
                double syncAndGrep = syncAndGrep(app);

                long posted = System.nanoTime();
                String jobId = app.postJson("/scan", "{\"bucket\":\"bench\"}").json().get("job_id").asText();
                double listedAt = -1;
                JsonNode status;
                while (true) {
                    status = app.get("/jobs/" + jobId + "?real_time=true").json();
                    if (listedAt < 0 && !status.get("status").asText().equals("listing")) {
                        listedAt = seconds(posted);
                    }
                    if (status.get("status").asText().equals("completed") || (!scanning && listedAt >= 0)) {
                        break;
                    }
                    Thread.sleep(50);
                }
                double total = seconds(posted);
                System.out.printf(Locale.ROOT, "%nobjects=%d scan-concurrency=%d cores=%d%n", objects, concurrency,
                        Runtime.getRuntime().availableProcessors());
                System.out.printf(Locale.ROOT, "application start: %.1f s%n", startSeconds);
                System.out.printf(Locale.ROOT, "plain ListObjectsV2 loop (SDK, 1,000 keys a page): %.1f s (%.0f objects/s)%n",
                        plainList, objects / plainList);
                System.out.printf(Locale.ROOT, "listing (POST /scan to SUCCEEDED): %.1f s (%.0f objects/s) = %.0f%% of the plain loop%n",
                        listedAt, objects / listedAt, 100 * plainList / listedAt);
                System.out.printf(Locale.ROOT, "plain GET loop (SDK, %d threads, bytes read, no scanning): %.1f s (%.0f objects/s)%n",
                        concurrency * 4, plainGet, objects / plainGet);
                if (!scanning) {
                    return;
                }
                System.out.printf(Locale.ROOT, "list + scan (POST /scan to completed): %.1f s (%.0f objects/s) = %.2fx the plain GET loop%n",
                        total, objects / total, plainGet / total);
                if (syncAndGrep > 0) {
                    System.out.printf(Locale.ROOT, "aws s3 sync + rg with 13 patterns: %.1f s (%.0f objects/s); the product is %.2fx that rate%n",
                            syncAndGrep, objects / syncAndGrep, syncAndGrep / total);
                }
                long expectedFindings = (objects + 9) / 10 + (objects + 19) / 20;
                if (status.get("total").asLong() != objects || status.get("total_findings").asLong() != expectedFindings) {
                    throw new IllegalStateException("counts are not exact: expected " + objects + " objects and "
                            + expectedFindings + " findings");
                }
                System.out.println("final status: " + status);

                // With scanners running, side by side: the product lists and scans a second bucket of
                // the same objects while the plain loop lists the first one over and over, on the
                // same S3 endpoint and cores, until the product's listing ends.
                upload(app, objects, "bench2");
                String second = app.postJson("/scan", "{\"bucket\":\"bench2\"}").json().get("job_id").asText();
                long secondPosted = System.nanoTime();
                java.util.concurrent.atomic.AtomicBoolean listing = new java.util.concurrent.atomic.AtomicBoolean(true);
                java.util.concurrent.atomic.AtomicLong plainKeys = new java.util.concurrent.atomic.AtomicLong();
                Thread plain = new Thread(() -> {
                    while (listing.get()) {
                        plainKeys.addAndGet(plainListing(app, listing));
                    }
                });
                plain.start();
                JsonNode during;
                do {
                    Thread.sleep(20);
                    during = app.get("/jobs/" + second + "?real_time=true").json();
                } while (during.get("status").asText().equals("listing"));
                double secondListing = seconds(secondPosted);
                listing.set(false);
                plain.join();
                double plainRate = plainKeys.get() / secondListing;
                System.out.printf(Locale.ROOT, "with scanners running (%d of %d objects scanned when the listing ended): plain ListObjectsV2 loop"
                                + " %.0f objects/s; the product's listing %.1f s (%.0f objects/s) = %.0f%% of the plain loop%n",
                        during.get("succeeded").asLong() + during.get("failed").asLong(), objects,
                        plainRate, secondListing, objects / secondListing, 100 * (objects / secondListing) / plainRate);
            }
        } finally {
            try (var files = Files.walk(dataDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The plain alternative to the listing stage: a bare ListObjectsV2 loop on the same endpoint. */
    private static double plainListing(RunningScanner app) {
        long t0 = System.nanoTime();
        plainListing(app, new java.util.concurrent.atomic.AtomicBoolean(true));
        return seconds(t0);
    }

    /** Lists the bucket "bench" page after page while {@code go} holds; the keys listed. */
    private static long plainListing(RunningScanner app, java.util.concurrent.atomic.AtomicBoolean go) {
        long keys = 0;
        String token = null;
        do {
            String next = token;
            var page = app.s3.listObjectsV2(b -> b.bucket("bench").maxKeys(1000).continuationToken(next));
            keys += page.keyCount();
            token = page.isTruncated() ? page.nextContinuationToken() : null;
        } while (token != null && go.get());
        return keys;
    }

    /** Patterns close to the detectors', for rg. */
    private static final List<String> PATTERNS = List.of(
            "\\b\\d{3}-\\d{2}-\\d{4}\\b", "\\b(?:\\d[ -]?){13,19}\\b", "[\\w.+-]+@[\\w-]+\\.[\\w.]+",
            "\\+?\\d{1,3}[ .-]?\\(?\\d{3}\\)?[ .-]?\\d{3}[ .-]?\\d{4}", "\\b[A-Z]{2}\\d{2}[A-Z0-9]{11,30}\\b",
            "\\b(?:AKIA|ASIA)[A-Z2-7]{16}\\b", "(?i)aws.{0,20}[A-Za-z0-9/+=]{40}", "-----BEGIN [A-Z ]*PRIVATE KEY-----",
            "eyJ[\\w-]+\\.eyJ[\\w-]+\\.[\\w-]+", "\\b(?:ghp|gho|ghs|ghu)_[A-Za-z0-9]{36}\\b|github_pat_\\w{82}",
            "xox[abprs]-[A-Za-z0-9-]{10,}", "\\b(?:sk|rk)_live_[A-Za-z0-9]{24,}", "AIza[\\w-]{35}");

    /**
     * The plain alternative a user might script: {@code aws s3 sync} the bucket, then {@code rg} with
     * the detectors' patterns. Skipped (returns -1) where either tool is missing.
     */
    private static double syncAndGrep(RunningScanner app) throws Exception {
        if (!onPath("aws") || !onPath("rg")) {
            System.out.println("aws s3 sync + rg: skipped (install awscli and ripgrep to compare)");
            return -1;
        }
        Path dir = Files.createTempDirectory("sync-and-grep");
        try {
            long t0 = System.nanoTime();
            ProcessBuilder sync = new ProcessBuilder("aws", "--endpoint-url", app.s3Endpoint(), "s3", "sync",
                    "s3://bench", dir.toString(), "--only-show-errors").inheritIO();
            sync.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "any", "AWS_SECRET_ACCESS_KEY", "any",
                    "AWS_DEFAULT_REGION", "us-east-1"));
            if (sync.start().waitFor() != 0) {
                throw new IllegalStateException("aws s3 sync failed");
            }
            List<String> rg = new ArrayList<>(List.of("rg", "--count-matches", "--no-messages"));
            PATTERNS.forEach(p -> rg.addAll(List.of("-e", p)));
            rg.add(dir.toString());
            new ProcessBuilder(rg).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            return seconds(t0);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** The plain alternative to fetching: every object read with a bare GET, in parallel. */
    private static double plainGets(RunningScanner app, int threads) throws Exception {
        List<String> keys = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            var page = app.s3.listObjectsV2(b -> b.bucket("bench").maxKeys(1000).continuationToken(next));
            page.contents().forEach(o -> keys.add(o.key()));
            token = page.isTruncated() ? page.nextContinuationToken() : null;
        } while (token != null);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        List<Future<?>> gets = new ArrayList<>();
        for (String key : keys) {
            gets.add(pool.submit(() -> app.s3.getObjectAsBytes(b -> b.bucket("bench").key(key)).asByteArray().length));
        }
        for (Future<?> f : gets) {
            f.get();
        }
        double took = seconds(t0);
        pool.shutdown();
        return took;
    }

    private static void upload(RunningScanner app, int objects) throws Exception {
        upload(app, objects, "bench");
    }

    private static void upload(RunningScanner app, int objects, String bucket) throws Exception {
        app.s3.createBucket(b -> b.bucket(bucket));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> uploads = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < objects; i++) {
            String key = String.format(Locale.ROOT, "logs/%03d/object-%06d.log", i % 100, i);
            byte[] body = content(i).getBytes(StandardCharsets.UTF_8);
            uploads.add(pool.submit(() -> app.s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(body))));
        }
        for (Future<?> f : uploads) {
            f.get();
        }
        pool.shutdown();
        System.out.printf(Locale.ROOT, "uploaded %d objects in %.1f s%n", objects, seconds(t0));
    }

    /** A few log lines; one object in ten holds an e-mail address, one in twenty an SSN. */
    private static String content(int i) {
        StringBuilder s = new StringBuilder();
        s.append("2026-11-23T10:00:00Z INFO request ").append(i).append(" served in 12 ms\n");
        s.append("2026-11-23T10:00:01Z DEBUG cache hit ratio 0.93 for shard ").append(i % 7).append('\n');
        if (i % 10 == 0) {
            s.append("2026-11-23T10:00:02Z INFO mail sent to user").append(i).append("@example.com\n");
        }
        if (i % 20 == 0) {
            s.append("2026-11-23T10:00:03Z WARN record with ssn 219-09-").append(String.format("%04d", 1000 + i % 9000)).append('\n');
        }
        return s.toString();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
