package scanner.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import scanner.aws.QueueDepth;
import scanner.jobs.JobStatusRules;
import scanner.listing.ListingPage;
import scanner.scan.Finding;
import scanner.scan.ScanResult;

/**
 * The product's own metrics, named {@code scanner_*} on /observe/metrics beside Camel's: what was
 * listed and scanned, how long objects take, what is queued, how jobs stand. Counters move where
 * the work happens; the queue and the jobs are sampled by a timer route (one SQS call and one
 * query per sample, whatever the number of scrapes).
 */
public final class ScannerMetrics {

    /** Job statuses of the seed, each a gauge even when no job has it. */
    private static final String[] JOB_STATUSES = {"listing", "processing", "completed", "failed", "aborted"};

    private static final String JOBS_BY_STAGE = """
            SELECT j.step_function_status AS stage,
                   job_work_left(j.job_id) AS work_left,
                   count(*) AS jobs
            FROM jobs j GROUP BY 1, 2
            """;

    private final MeterRegistry registry;
    private final DataSource dataSource;
    private final QueueDepth queue;
    private final Counter listed;
    private final Counter bytesScanned;
    private final Timer scanLatency;
    private final Timer refresh;
    private final AtomicLong unitsInFlight = new AtomicLong();
    private final AtomicLong visibleMessages = new AtomicLong();
    private final AtomicLong inFlightMessages = new AtomicLong();
    private final Map<String, AtomicLong> jobs = new ConcurrentHashMap<>();
    private final Map<String, Counter> findings = new ConcurrentHashMap<>();

    public ScannerMetrics(MeterRegistry registry, DataSource dataSource, QueueDepth queue) {
        this.registry = registry;
        this.dataSource = dataSource;
        this.queue = queue;
        listed = Counter.builder("scanner_objects_listed").description("Objects found by listing and recorded for scanning")
                .register(registry);
        bytesScanned = Counter.builder("scanner_scanned").description("Bytes of objects downloaded and scanned")
                .baseUnit("bytes").register(registry);
        scanLatency = Timer.builder("scanner_object_scan").description("Time to fetch and scan one object")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
        refresh = Timer.builder("scanner_progress_refresh").description("Duration of refresh_job_progress()")
                .register(registry);
        Gauge.builder("scanner_work_units_in_flight", unitsInFlight, AtomicLong::get)
                .description("Work units (SQS messages) this process is scanning now").register(registry);
        Gauge.builder("scanner_queue_messages", visibleMessages, AtomicLong::get).tag("state", "visible")
                .description("Messages in the scan queue, sampled").register(registry);
        Gauge.builder("scanner_queue_messages", inFlightMessages, AtomicLong::get).tag("state", "in_flight")
                .description("Messages in the scan queue, sampled").register(registry);
        for (String status : JOB_STATUSES) {
            AtomicLong count = new AtomicLong();
            jobs.put(status, count);
            Gauge.builder("scanner_jobs", count, AtomicLong::get).tag("status", status)
                    .description("Jobs by status, sampled").register(registry);
        }
        for (String outcome : new String[] {"succeeded", "failed", "retry"}) {
            scannedCounter(outcome); // present from the start, so a rate is defined before the first scan
        }
    }

    /** A page was recorded: its objects are now the scanners' work. */
    public void listed(ListingPage page) {
        listed.increment(page.objects().size());
    }

    public void unitStarted() {
        unitsInFlight.incrementAndGet();
    }

    public void unitEnded() {
        unitsInFlight.decrementAndGet();
    }

    /** One object's result: its outcome, the bytes read when it was scanned, its findings by detector. */
    public void scanned(ScanResult result, long startedNanos) {
        scanLatency.record(System.nanoTime() - startedNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        if (result.isRetry()) {
            scannedCounter("retry").increment();
            return;
        }
        boolean succeeded = result.outcome().succeeded();
        scannedCounter(succeeded ? "succeeded" : "failed").increment();
        if (succeeded) {
            bytesScanned.increment(result.object().size());
        }
        for (Finding finding : result.outcome().findings()) {
            findingsOf(finding.detector()).increment();
        }
    }

    public void refreshed(Number durationMs) {
        if (durationMs != null) {
            refresh.record(durationMs.longValue(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    /** Samples the scan queue and the jobs by status. */
    public void sample() throws SQLException {
        QueueDepth.Counts counts = queue.counts();
        visibleMessages.set(counts.visible());
        inFlightMessages.set(counts.inFlight());
        Map<String, Long> byStatus = new java.util.HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(JOBS_BY_STAGE);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String status = JobStatusRules.statusOf(rs.getString("stage"), rs.getBoolean("work_left"));
                byStatus.merge(status, rs.getLong("jobs"), Long::sum);
            }
        }
        jobs.forEach((status, count) -> count.set(byStatus.getOrDefault(status, 0L)));
    }

    /** One counter per detector, made on first use and kept (objects may hold thousands of findings). */
    private Counter findingsOf(String detector) {
        return findings.computeIfAbsent(detector, d -> Counter.builder("scanner_findings")
                .description("Findings by detector (masked values stored)").tag("detector", d).register(registry));
    }

    private Counter scannedCounter(String outcome) {
        return Counter.builder("scanner_objects_scanned").description("Objects scanned, by outcome (retry: tried again later)")
                .tag("outcome", outcome).register(registry);
    }
}
