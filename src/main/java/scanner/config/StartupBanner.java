package scanner.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The few lines printed once the application is up, saying where everything is: the person who
 * just ran {@code ./run-local.sh} should not have to dig the endpoints out of Camel's log.
 */
public final class StartupBanner {

    private StartupBanner() {
    }

    /**
     * @param listeners   the ports this process listens on ({@link PortCheck#listeners})
     * @param dataDir     local mode's data directory (absolute), or null
     * @param jdbcUrl     the database in use
     * @param embeddedDb  whether that database is the embedded one
     */
    public static String text(ScannerConfig config, List<PortCheck.Listener> listeners, Path dataDir,
                              String jdbcUrl, boolean embeddedDb) {
        StringBuilder out = new StringBuilder();
        String nl = System.lineSeparator();
        out.append("S3 Scanner is ready (").append(config.mode().name().toLowerCase(Locale.ROOT)).append(" mode, roles ")
                .append(config.roles().stream().map(r -> r.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")))
                .append(')').append(nl);
        for (PortCheck.Listener l : listeners) {
            line(out, l.what(), l.url(), l.hint());
        }
        if (dataDir != null) {
            line(out, "Data directory", dataDir.toString(),
                    embeddedDb ? "buckets in s3/, database in postgres/" : "buckets in s3/");
        }
        line(out, "Database", (embeddedDb ? "embedded PostgreSQL, " : "") + withoutParameters(jdbcUrl), "");
        if (config.isLocal()) {
            out.append("Stop it with Ctrl+C; jobs and buckets are kept in the data directory.").append(nl);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String what, String where, String hint) {
        out.append(String.format(Locale.ROOT, "  %-15s %s", what, where));
        if (!hint.isEmpty()) {
            out.append("   (").append(hint).append(')');
        }
        out.append(System.lineSeparator());
    }

    /** A URL's query may carry a password: never print it. */
    static String withoutParameters(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }
}
