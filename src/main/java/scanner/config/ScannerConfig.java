package scanner.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The application's own settings, read once from Camel's properties (application.properties,
 * where each key names the environment variable that overrides it).
 */
public record ScannerConfig(
        Mode mode,
        Set<Role> roles,
        String dbUrl,
        String dbUser,
        String dbPassword,
        int dbPoolSize,
        String localBindAddress,
        int localS3Port,
        int localSqsPort,
        Path localDataDir,
        String awsRegion,
        String s3Endpoint,
        String sqsEndpoint,
        String sfnEndpoint,
        String stateMachineArn,
        String listingQueue,
        Duration reconcileInterval,
        int pagesPerExecution,
        String scanQueue,
        String deadLetterQueue,
        int maxReceiveCount,
        int scanConcurrency,
        long maxObjectSize,
        int maxFindingsPerObject,
        int archiveMaxDepth,
        int archiveMaxEntries,
        int archiveMaxRatio,
        int documentMaxChars,
        Duration documentMaxTime,
        Duration refreshInterval,
        Duration cacheFollowInterval,
        Duration listingPollInterval,
        int listingPageSize,
        int listingMaxAttempts,
        Duration claimLease,
        Duration requeueAfter,
        Duration requeueInterval,
        String customDetectors,
        String allowList,
        String apiKey,
        String apiReadKeys,
        String apiKeysFile,
        String apiAuth,
        int maxRunningJobs,
        int maxSchedules,
        Duration minScheduleInterval) {

    public enum Mode { LOCAL, AWS }

    /** Route groups, so one image can run as API pods and as worker pods. */
    public enum Role { API, LISTER, SCANNER, REFRESHER }

    public static ScannerConfig from(Function<String, Optional<String>> properties) {
        Reader r = new Reader(properties);
        Mode mode = r.enumValue("scanner.mode", Mode.class, "local");
        ScannerConfig config = new ScannerConfig(
                mode,
                r.roles("scanner.roles", "api,lister,scanner,refresher"),
                r.string("scanner.db.url", ""),
                r.string("scanner.db.user", "postgres"),
                r.string("scanner.db.password", ""),
                r.positiveInt("scanner.db.pool-size", "10"),
                r.string("scanner.local.bind-address", "127.0.0.1"),
                r.port("scanner.local.s3-port", "9000"),
                r.port("scanner.local.sqs-port", "9324"),
                Path.of(r.string("scanner.local.data-dir", "./data")),
                r.string("scanner.aws.region", "us-east-1"),
                r.string("scanner.aws.s3-endpoint", ""),
                r.string("scanner.aws.sqs-endpoint", ""),
                r.string("scanner.aws.sfn-endpoint", ""),
                r.string("scanner.aws.state-machine-arn", ""),
                r.string("scanner.sqs.listing-queue", "s3-scanner-listing"),
                r.duration("scanner.sfn.reconcile-interval", "30s"),
                r.positiveInt("scanner.sfn.pages-per-execution", "1000"),
                r.string("scanner.sqs.queue", "s3-scanner-objects"),
                r.string("scanner.sqs.dead-letter-queue", "s3-scanner-objects-dlq"),
                r.positiveInt("scanner.sqs.max-receive-count", "5"),
                r.positiveInt("scanner.scan.concurrency", "4"),
                r.size("scanner.scan.max-object-size", "50MB"),
                r.positiveInt("scanner.scan.max-findings-per-object", "10000"),
                r.positiveInt("scanner.archive.max-depth", "6"),
                r.positiveInt("scanner.archive.max-entries", "100000"),
                r.positiveInt("scanner.archive.max-ratio", "100"),
                r.positiveInt("scanner.document.max-chars", "100000000"),
                r.duration("scanner.document.max-time", "60s"),
                r.duration("scanner.refresh.interval", "60s"),
                r.duration("scanner.cache.follow-interval", "250ms"),
                r.duration("scanner.listing.poll-interval", "1s"),
                r.positiveInt("scanner.listing.page-size", "1000"),
                r.positiveInt("scanner.listing.max-attempts", "10"),
                r.duration("scanner.scan.claim-lease", "60s"),
                r.duration("scanner.requeue.after", "5m"),
                r.duration("scanner.requeue.interval", "30s"),
                r.string("scanner.detectors.custom", "[]"),
                r.string("scanner.detectors.allow-list", "[]"),
                r.string("scanner.apikey", ""),
                r.string("scanner.api.read-keys", ""),
                r.string("scanner.api.keys-file", ""),
                r.string("scanner.api.auth", "key"),
                r.positiveInt("scanner.limits.running-jobs", "100"),
                r.positiveInt("scanner.limits.schedules", "1000"),
                r.duration("scanner.limits.schedule-min-interval", "1m"));
        if (!config.apiAuth().equals("key") && !config.apiAuth().equals("none")) {
            throw new ConfigurationException("SCANNER_API_AUTH is 'key' (the default) or 'none', got '" + config.apiAuth() + "'");
        }
        if (config.pagesPerExecution() > 2000) {
            throw new ConfigurationException("scanner.sfn.pages-per-execution must be at most 2000 (ten history events a page, "
                    + "25,000 per execution), got " + config.pagesPerExecution());
        }
        if (config.listingPageSize() > 1000) {
            throw new ConfigurationException("scanner.listing.page-size must be at most 1000 (the S3 maximum), got "
                    + config.listingPageSize());
        }
        if (mode == Mode.AWS && config.dbUrl().isBlank()) {
            throw new ConfigurationException("SCANNER_DB_URL is required in aws mode");
        }
        return config;
    }

    /** Keeps the API key out of logs and toString(). */
    @Override
    public String toString() {
        return "ScannerConfig[mode=" + mode + ", roles=" + roles + ", apiKey=" + (apiKey.isBlank() ? "none" : "set")
                + ", apiReadKeys=" + (apiReadKeys.isBlank() ? "none" : "set") + ", apiKeysFile=" + apiKeysFile + "]";
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    /** aws mode with a state machine: each job's listing stage is a Step Functions execution. */
    public boolean usesStepFunctions() {
        return mode == Mode.AWS && !stateMachineArn.isBlank();
    }

    public boolean isLocal() {
        return mode == Mode.LOCAL;
    }

    /** Parses sizes such as {@code 50MB}, {@code 512KB}, {@code 1GB} or a plain byte count (binary units). */
    public static long parseSize(String text) {
        String s = text.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        for (String[] suffix : new String[][] {{"GB", "1073741824"}, {"MB", "1048576"}, {"KB", "1024"}, {"B", "1"}}) {
            if (s.endsWith(suffix[0])) {
                unit = Long.parseLong(suffix[1]);
                s = s.substring(0, s.length() - suffix[0].length()).trim();
                break;
            }
        }
        long value = Long.parseLong(s);
        if (value <= 0) {
            throw new NumberFormatException("size must be positive");
        }
        return Math.multiplyExact(value, unit);
    }

    /** Parses durations such as {@code 60s}, {@code 500ms}, {@code 5m}, {@code 1h}. */
    public static Duration parseDuration(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        Duration d;
        if (s.endsWith("ms")) {
            d = Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).trim()));
        } else if (s.endsWith("s")) {
            d = Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1).trim()));
        } else if (s.endsWith("m")) {
            d = Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1).trim()));
        } else if (s.endsWith("h")) {
            d = Duration.ofHours(Long.parseLong(s.substring(0, s.length() - 1).trim()));
        } else {
            throw new NumberFormatException("a duration needs a unit: ms, s, m or h");
        }
        if (d.isZero() || d.isNegative()) {
            throw new NumberFormatException("duration must be positive");
        }
        return d;
    }

    /** Reads one key at a time and names the key in every error, so a bad ConfigMap is easy to fix. */
    private record Reader(Function<String, Optional<String>> properties) {

        String string(String key, String defaultValue) {
            return properties.apply(key).map(String::trim).orElse(defaultValue);
        }

        <E extends Enum<E>> E enumValue(String key, Class<E> type, String defaultValue) {
            return parseEnum(key, type, string(key, defaultValue));
        }

        <E extends Enum<E>> E parseEnum(String key, Class<E> type, String value) {
            try {
                return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw invalid(key, value, "one of " + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
            }
        }

        Set<Role> roles(String key, String defaultValue) {
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (String part : string(key, defaultValue).split(",")) {
                if (!part.isBlank()) {
                    roles.add(parseEnum(key, Role.class, part.trim()));
                }
            }
            if (roles.isEmpty()) {
                throw invalid(key, "", "at least one of api, lister, scanner, refresher");
            }
            return roles;
        }

        int positiveInt(String key, String defaultValue) {
            String value = string(key, defaultValue);
            try {
                int n = Integer.parseInt(value);
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw invalid(key, value, "a positive whole number");
        }

        int port(String key, String defaultValue) {
            String value = string(key, defaultValue);
            try {
                int n = Integer.parseInt(value);
                if (n >= 0 && n <= 65535) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw invalid(key, value, "a port number (0-65535)");
        }

        long size(String key, String defaultValue) {
            return parsed(key, defaultValue, ScannerConfig::parseSize, "a size such as 50MB, 512KB or 1048576");
        }

        Duration duration(String key, String defaultValue) {
            return parsed(key, defaultValue, ScannerConfig::parseDuration, "a duration such as 60s, 500ms or 5m");
        }

        /** The value parsed, or a configuration error naming the key, the value and what was expected. */
        private <T> T parsed(String key, String defaultValue, java.util.function.Function<String, T> parser, String expected) {
            String value = string(key, defaultValue);
            try {
                return parser.apply(value);
            } catch (RuntimeException e) {
                throw invalid(key, value, expected);
            }
        }

        private static ConfigurationException invalid(String key, String value, String expected) {
            return new ConfigurationException("Invalid value '" + value + "' for " + key + ": expected " + expected);
        }
    }
}
