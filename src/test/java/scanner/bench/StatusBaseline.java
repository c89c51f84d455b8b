package scanner.bench;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * The plain alternatives of bench/status-benchmark.sh, on the same database and job:
 * {@code jdbc URL JOB}: the real-time status query (job_summary joined with jobs) in a bare JDBC
 * loop, one connection, prepared once; prints the p50/p99 latency of 20,000 runs.
 * {@code http URL JOB PORT}: a minimal JDK HttpServer whose handler runs that query per request and
 * writes the row as JSON by hand (no framework), for wrk to load like the application.
 */
public final class StatusBaseline {

    private static final String QUERY = """
            SELECT s.job_id, s.bucket, s.prefix, s.created_at, s.updated_at, j.step_function_status,
                   s.total_objects, s.queued, s.processing, s.succeeded, s.failed, s.total_findings
            FROM job_summary s JOIN jobs j ON j.job_id = s.job_id WHERE s.job_id = ANY (?)
            """;

    private StatusBaseline() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[1];
        UUID job = UUID.fromString(args[2]);
        if (args[0].equals("jdbc")) {
            try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
                PreparedStatement ps = c.prepareStatement(QUERY);
                long[] nanos = new long[20_000];
                for (int i = -2000; i < nanos.length; i++) {
                    long start = System.nanoTime();
                    json(ps, c, job);
                    if (i >= 0) {
                        nanos[i] = System.nanoTime() - start;
                    }
                }
                Arrays.sort(nanos);
                System.out.printf("bare JDBC loop, one connection: p50 %.2f ms, p99 %.2f ms, %.0f queries/s%n",
                        nanos[nanos.length / 2] / 1e6, nanos[nanos.length * 99 / 100] / 1e6,
                        nanos.length / (Arrays.stream(nanos).sum() / 1e9));
            }
            return;
        }
        int port = Integer.parseInt(args[3]);
        int threads = 8;
        java.util.concurrent.BlockingQueue<Connection> pool = new java.util.concurrent.ArrayBlockingQueue<>(threads);
        for (int i = 0; i < threads; i++) {
            pool.add(DriverManager.getConnection(url, "postgres", ""));
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        server.setExecutor(Executors.newFixedThreadPool(threads));
        server.createContext("/jobs/", exchange -> {
            byte[] body;
            try {
                Connection c = pool.take();
                try (PreparedStatement ps = c.prepareStatement(QUERY)) {
                    body = json(ps, c, job).getBytes(StandardCharsets.UTF_8);
                } finally {
                    pool.add(c);
                }
            } catch (Exception e) {
                body = ("{\"error\":\"" + e.getClass().getSimpleName() + "\"}").getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        System.out.println("baseline server on " + port);
    }

    private static String json(PreparedStatement ps, Connection c, UUID job) throws Exception {
        ps.setArray(1, c.createArrayOf("uuid", new Object[] {job}));
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            long total = rs.getLong("total_objects");
            long done = rs.getLong("succeeded") + rs.getLong("failed");
            return "{\"job_id\":\"" + rs.getString("job_id") + "\",\"bucket\":\"" + rs.getString("bucket")
                    + "\",\"prefix\":\"" + rs.getString("prefix") + "\",\"created_at\":\"" + rs.getString("created_at")
                    + "\",\"updated_at\":\"" + rs.getString("updated_at") + "\",\"status\":\"processing\","
                    + "\"step_function_status\":\"" + rs.getString("step_function_status") + "\",\"total\":" + total
                    + ",\"queued\":" + rs.getLong("queued") + ",\"processing\":" + rs.getLong("processing")
                    + ",\"succeeded\":" + rs.getLong("succeeded") + ",\"failed\":" + rs.getLong("failed")
                    + ",\"total_findings\":" + rs.getLong("total_findings") + ",\"progress_percent\":"
                    + (total == 0 ? 0.0 : done * 100.0 / total) + ",\"data_source\":\"real_time\"}";
        }
    }
}
