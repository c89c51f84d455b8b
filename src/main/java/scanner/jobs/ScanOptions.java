package scanner.jobs;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Which objects a scan takes (a job's stored options; POST /scan reads them with the API's
 * ScanOptionsRequest): key globs to include and exclude, file extensions, a size limit,
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

    public ScanOptions {
        include = include == null ? List.of() : List.copyOf(include);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
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

    public static boolean matches(String glob, String key) {
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
}
