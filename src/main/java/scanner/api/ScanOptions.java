package scanner.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import scanner.config.ScannerConfig;

/**
 * Which objects a scan takes: key globs to include and exclude, file extensions, a size limit,
 * and a modification time. Objects filtered out are never recorded, so they are not in {@code total}.
 * Globs: {@code *} matches within one path segment, {@code **} across segments, {@code ?} one character.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ScanOptions(
        @JsonProperty("include") List<String> include,
        @JsonProperty("exclude") List<String> exclude,
        @JsonProperty("extensions") List<String> extensions,
        @JsonProperty("max_object_size") Long maxObjectSize,
        @JsonProperty("modified_after") String modifiedAfter) {

    public static final ScanOptions NONE = new ScanOptions(List.of(), List.of(), List.of(), null, null);
    private static final int MAX_PATTERNS = 100;
    private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,16}");

    public ScanOptions {
        include = include == null ? List.of() : List.copyOf(include);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
    }

    /** Reads and validates the options of a POST /scan body; every problem is a 400 naming the field. */
    public static ScanOptions from(JsonNode body, long serverMaxObjectSize) {
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

    /** Whether the scan takes this object. */
    public boolean accepts(String key, Instant lastModified) {
        if (!include.isEmpty() && include.stream().noneMatch(g -> matches(g, key))) {
            return false;
        }
        if (exclude.stream().anyMatch(g -> matches(g, key))) {
            return false;
        }
        if (!extensions.isEmpty()) {
            int dot = key.lastIndexOf('.');
            int slash = key.lastIndexOf('/');
            String extension = dot > slash ? key.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
            if (!extensions.contains(extension)) {
                return false;
            }
        }
        return modifiedAfter == null || lastModified == null || lastModified.isAfter(Instant.parse(modifiedAfter));
    }

    @JsonIgnore
    public boolean isEmpty() {
        return include.isEmpty() && exclude.isEmpty() && extensions.isEmpty() && maxObjectSize == null && modifiedAfter == null;
    }

    static boolean matches(String glob, String key) {
        return compiled(glob).matches(key);
    }

    /** Globs compiled once, not once per listed key; a bounded cache, as jobs come and go. */
    private static final java.util.Map<String, Glob> COMPILED = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, Glob> eldest) {
                    return size() > 1000;
                }
            });

    private static Glob compiled(String glob) {
        return COMPILED.computeIfAbsent(glob, Glob::compile);
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
