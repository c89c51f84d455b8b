package scanner.api;

import scanner.jobs.ScanOptions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** Validates what clients send; every problem becomes an {@link ApiException} naming it. */
public final class ApiRequests {

    public static final int MAX_PREFIX_BYTES = 1024;

    private static final Pattern BUCKET_CHARS = Pattern.compile("[a-z0-9][a-z0-9.-]*[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final ObjectMapper json;
    private final long maxObjectSize;

    public ApiRequests(ObjectMapper json) {
        this(json, Long.MAX_VALUE);
    }

    /** @param maxObjectSize the server's limit, which a scan's own max_object_size may not exceed */
    public ApiRequests(ObjectMapper json, long maxObjectSize) {
        this.json = json;
        this.maxObjectSize = maxObjectSize;
    }

    public ScanRequest scanRequest(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("invalid_json", "The request body must be a JSON object such as {\"bucket\": \"my-bucket\"}");
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("invalid_json", "The request body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("invalid_json", "The request body must be a JSON object such as {\"bucket\": \"my-bucket\"}");
        }
        JsonNode bucket = root.get("bucket");
        if (bucket == null || bucket.isNull()) {
            throw ApiException.badRequest("missing_bucket", "The field 'bucket' is required");
        }
        if (!bucket.isTextual()) {
            throw ApiException.badRequest("invalid_bucket", "The field 'bucket' must be a string");
        }
        String bucketName = bucket.asText();
        String problem = bucketNameProblem(bucketName);
        if (problem != null) {
            throw ApiException.badRequest("invalid_bucket", "Invalid bucket name: " + problem);
        }
        JsonNode prefix = root.get("prefix");
        String prefixText = "";
        if (prefix != null && !prefix.isNull()) {
            if (!prefix.isTextual()) {
                throw ApiException.badRequest("invalid_prefix", "The field 'prefix' must be a string");
            }
            prefixText = prefix.asText();
            if (prefixText.getBytes(StandardCharsets.UTF_8).length > MAX_PREFIX_BYTES) {
                throw ApiException.badRequest("invalid_prefix", "The prefix must be at most 1024 bytes in UTF-8");
            }
        }
        JsonNode incremental = root.get("incremental");
        if (incremental != null && !incremental.isNull() && !incremental.isBoolean()) {
            throw ApiException.badRequest("invalid_incremental", "The field 'incremental' must be true or false");
        }
        JsonNode baseline = root.get("baseline_job_id");
        java.util.UUID baselineId = null;
        if (baseline != null && !baseline.isNull()) {
            try {
                baselineId = java.util.UUID.fromString(baseline.isTextual() ? baseline.asText() : "");
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid_baseline", "The field 'baseline_job_id' must be a job id (UUID)");
            }
        }
        return new ScanRequest(bucketName, prefixText, ScanOptionsRequest.from(root, maxObjectSize),
                baselineId != null || (incremental != null && incremental.asBoolean()), baselineId);
    }

    /** Why {@code name} breaks the S3 bucket naming rules, or null when it follows them. */
    public static String bucketNameProblem(String name) {
        if (name.length() < 3 || name.length() > 63) {
            return "a bucket name has 3 to 63 characters";
        }
        if (!BUCKET_CHARS.matcher(name).matches()) {
            return "use lowercase letters, digits, dots and hyphens, beginning and ending with a letter or digit";
        }
        if (name.contains("..")) {
            return "two adjacent dots are not allowed";
        }
        if (IP_ADDRESS.matcher(name).matches()) {
            return "a bucket name must not look like an IP address";
        }
        if (name.startsWith("xn--") || name.startsWith("sthree-") || name.endsWith("-s3alias")
                || name.endsWith("--ol-s3")) {
            return "the name uses a prefix or suffix reserved by S3";
        }
        return null;
    }

    public UUID jobId(String text) {
        if (text == null || !UUID_TEXT.matcher(text).matches()) {
            throw ApiException.badRequest("invalid_job_id", "The job id must be a UUID");
        }
        return UUID.fromString(text);
    }

    /** {@code limit}: 1 to 1000, 100 when absent. */
    /** GET /dead-letters: each listed message costs SQS calls and a query, so pages are smaller. */
    public int deadLetterLimit(String text) {
        int limit = limit(text == null ? "20" : text);
        if (limit > DeadLetterPage.MAX) {
            throw ApiException.badRequest("invalid_limit", "dead letters are listed at most " + DeadLetterPage.MAX + " at a time");
        }
        return limit;
    }

    /** The bound of a dead-letter page. */
    public static final class DeadLetterPage {
        public static final int MAX = 100;

        private DeadLetterPage() {
        }
    }

    public int limit(String text) {
        if (text == null) {
            return 100;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= 1000) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.badRequest("invalid_limit", "limit must be a whole number from 1 to 1000");
    }

    /** An object status filter: queued, processing, succeeded or failed; null when absent. */
    public String objectStatus(String text) {
        if (text == null) {
            return null;
        }
        if (!java.util.Set.of("queued", "processing", "succeeded", "failed").contains(text)) {
            throw ApiException.badRequest("invalid_status", "status must be queued, processing, succeeded or failed");
        }
        return text;
    }

    /** A job status filter: listing, processing, completed, failed or aborted; null when absent. */
    public String jobStatus(String text) {
        if (text == null) {
            return null;
        }
        if (!java.util.Set.of("listing", "processing", "completed", "failed", "aborted").contains(text)) {
            throw ApiException.badRequest("invalid_status", "status must be listing, processing, completed, failed or aborted");
        }
        return text;
    }

    /** A detector id filter, e.g. US_SSN; null when absent. */
    public String detector(String text) {
        if (text == null) {
            return null;
        }
        if (!text.matches("[A-Z][A-Z0-9_]{1,63}")) {
            throw ApiException.badRequest("invalid_detector", "detector must be a detector id such as US_SSN");
        }
        return text;
    }

    /** An object key filter; null when absent. */
    public String key(String text) {
        if (text == null) {
            return null;
        }
        if (text.isEmpty() || text.getBytes(StandardCharsets.UTF_8).length > MAX_PREFIX_BYTES) {
            throw ApiException.badRequest("invalid_key", "key must be an object key of 1 to 1024 bytes");
        }
        return text;
    }

    /** {@code real_time}: absent means false; otherwise exactly true or false. */
    public boolean realTime(String text) {
        if (text == null) {
            return false;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest("invalid_real_time", "real_time must be true or false");
        };
    }
}
