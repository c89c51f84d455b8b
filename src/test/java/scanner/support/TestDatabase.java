package scanner.support;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * A database of its own for one test class, created on the PostgreSQL at 127.0.0.1:5432 (or
 * {@code SCANNER_TEST_DB_ADMIN_URL}) and dropped afterwards, so runs never see each other's data.
 * Where no server answers, an embedded PostgreSQL is started once for the whole run.
 */
public final class TestDatabase implements AutoCloseable {

    private static final String ADMIN_URL =
            System.getenv().getOrDefault("SCANNER_TEST_DB_ADMIN_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = System.getenv().getOrDefault("SCANNER_TEST_DB_USER", "postgres");
    private static String adminUrl;

    private final String name;
    private final String url;
    private HikariDataSource dataSource;

    private TestDatabase(String name, String url) {
        this.name = name;
        this.url = url;
    }

    /** A new empty database, migrated with the application's migrations. */
    public static TestDatabase createMigrated() {
        TestDatabase db = create();
        Flyway.configure().dataSource(db.url, USER, "").locations("filesystem:sql").load().migrate();
        return db;
    }

    public static TestDatabase create() {
        String admin = adminUrl();
        String name = "scanner_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute(admin, "CREATE DATABASE " + name);
        return new TestDatabase(name, admin.substring(0, admin.lastIndexOf('/') + 1) + name);
    }

    /**
     * An outage of this database alone: new connections refused and open ones ended (false), or
     * the database back (true). Other tests' databases are untouched.
     */
    public void allowConnections(boolean allow) {
        execute(adminUrl(), "ALTER DATABASE " + name + " ALLOW_CONNECTIONS " + allow);
        if (!allow) {
            execute(adminUrl(), "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
        }
    }

    /** The single number a query returns. */
    public long queryLong(String sql) {
        try (java.sql.Connection c = dataSource().getConnection(); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    public String url() {
        return url;
    }

    public String user() {
        return USER;
    }

    public synchronized HikariDataSource dataSource() {
        if (dataSource == null) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setUsername(USER);
            config.setMaximumPoolSize(6);
            dataSource = new HikariDataSource(config);
        }
        return dataSource;
    }

    /** Runs SQL statements on this database (test set-up). */
    public void sql(String... statements) {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (dataSource != null) {
            dataSource.close();
        }
        execute(adminUrl(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** True when test databases live on the machine's own cluster at 127.0.0.1:5432, which pg_ctlcluster manages. */
    public static boolean isLocalCluster() {
        return adminUrl().startsWith("jdbc:postgresql://127.0.0.1:5432/") && cluster() != null;
    }

    /** Stops the machine's PostgreSQL cluster (fault injection); {@link #startLocalCluster()} undoes it. */
    public static void stopLocalCluster() throws IOException, InterruptedException {
        pgCtlCluster("stop", "-m", "fast");
    }

    public static void startLocalCluster() throws IOException, InterruptedException {
        pgCtlCluster("start");
        for (int i = 0; i < 300 && !reachable(ADMIN_URL); i++) {
            Thread.sleep(100);
        }
    }

    private static void pgCtlCluster(String action, String... options) throws IOException, InterruptedException {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                "pg_ctlcluster", "--skip-systemctl-redirect", cluster(), "main", action));
        if (options.length > 0) {
            command.add("--");
            command.addAll(java.util.List.of(options));
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    /** The installed PostgreSQL version directory under /etc/postgresql, or null. */
    private static String cluster() {
        java.io.File[] versions = new java.io.File("/etc/postgresql").listFiles();
        return versions == null || versions.length != 1 ? null : versions[0].getName();
    }

    private static synchronized String adminUrl() {
        if (adminUrl == null) {
            adminUrl = reachable(ADMIN_URL) ? ADMIN_URL : startEmbedded();
        }
        return adminUrl;
    }

    private static boolean reachable(String url) {
        try (Connection ignored = DriverManager.getConnection(url, USER, "")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static String startEmbedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            return postgres.getJdbcUrl("postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("No PostgreSQL at " + ADMIN_URL + " and the embedded one did not start", e);
        }
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url, USER, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
