package scanner.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import scanner.config.ScannerConfig;
import scanner.jobs.ScanOptions;

/** The scan options of a POST /scan (or /schedules) body, read and validated: each problem a 400 naming its field. */
final class ScanOptionsRequest {

    private static final int MAX_PATTERNS = 100;
    private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,16}");

    private ScanOptionsRequest() {
    }

    /** Reads and validates the options of a POST /scan body; every problem is a 400 naming the field. */
    static ScanOptions from(JsonNode body, long serverMaxObjectSize) {
        List<String> include = globs(body, "include");
        List<String> exclude = globs(body, "exclude");
        List<String> extensions = new ArrayList<>();
        for (String extension : strings(body, "extensions")) {
            String normalized = extension.toLowerCase(Locale.ROOT).replaceFirst("^\\.", "");
            if (!EXTENSION.matcher(normalized).matches()) {
                throw ApiException.badRequest("invalid_extensions", "extensions are like \"txt\" or \".csv\": 1-16 letters or digits");
            }
            extensions.add(normalized);
        }
        Long maxSize = null;
        JsonNode size = body.get("max_object_size");
        if (size != null && !size.isNull()) {
            try {
                maxSize = size.isIntegralNumber() ? size.asLong() : size.isTextual() ? ScannerConfig.parseSize(size.asText()) : -1;
            } catch (RuntimeException e) {
                maxSize = -1L;
            }
            if (maxSize <= 0 || maxSize > serverMaxObjectSize) {
                throw ApiException.badRequest("invalid_max_object_size", "max_object_size is a size such as 10MB or 1048576, at most "
                        + serverMaxObjectSize + " bytes (the server's limit)");
            }
        }
        String modifiedAfter = null;
        JsonNode modified = body.get("modified_after");
        if (modified != null && !modified.isNull()) {
            try {
                modifiedAfter = Instant.parse(modified.asText()).toString();
                if (!modified.isTextual()) {
                    throw new DateTimeParseException("not text", modified.toString(), 0);
                }
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("invalid_modified_after", "modified_after is an ISO 8601 time such as 2025-01-31T00:00:00Z");
            }
        }
        return new ScanOptions(include, exclude, extensions, maxSize, modifiedAfter);
    }

    private static List<String> globs(JsonNode body, String field) {
        List<String> globs = strings(body, field);
        for (String glob : globs) {
            if (glob.isEmpty() || glob.getBytes(StandardCharsets.UTF_8).length > 1024) {
                throw ApiException.badRequest("invalid_" + field, field + " patterns are 1 to 1024 bytes");
            }
        }
        return globs;
    }

    private static List<String> strings(JsonNode body, String field) {
        JsonNode node = body.get(field);
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isArray() || node.size() > MAX_PATTERNS) {
            throw ApiException.badRequest("invalid_" + field, field + " must be an array of at most " + MAX_PATTERNS + " strings");
        }
        for (JsonNode value : node) {
            if (!value.isTextual()) {
                throw ApiException.badRequest("invalid_" + field, field + " must be an array of strings");
            }
            values.add(value.asText());
        }
        return values;
    }
}
