package scanner.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import scanner.config.ConfigurationException;
import scanner.detect.engine.DetectionEngine;

/**
 * Builds the detection engine from configuration: custom detectors
 * ({@code [{"id": "ACME_TOKEN", "pattern": "acme_[a-z0-9]{32}", "keywords": ["acme_"]}]}) and
 * an allow list ({@code ["AKIAIOSFODNN7EXAMPLE", "regex:.*@example\\.com"]}).
 */
public final class DetectorSettings {

    private static final ObjectMapper JSON = scanner.config.Json.MAPPER;
    private static final Pattern ID = Pattern.compile("[A-Z][A-Z0-9_]{1,63}");
    private static final int DEFAULT_MAX_LENGTH = 256;
    private static final int MAX_MAX_LENGTH = 8192;

    private DetectorSettings() {
    }

    public static DetectionEngine engine(String customJson, String allowListJson) {
        return new DetectionEngine(DetectorRegistry.with(custom(customJson)), allowList(allowListJson));
    }

    static List<CustomDetector> custom(String json) {
        JsonNode root = parse("scanner.detectors.custom", json);
        List<CustomDetector> detectors = new ArrayList<>();
        for (JsonNode node : root) {
            String id = node.path("id").asText("");
            if (!ID.matcher(id).matches()) {
                throw new ConfigurationException("scanner.detectors.custom: id '" + id
                        + "' must be upper case letters, digits and underscores, like ACME_TOKEN");
            }
            if (DetectorRegistry.builtIn().stream().anyMatch(d -> d.id().equals(id))
                    || detectors.stream().anyMatch(d -> d.id().equals(id))) {
                throw new ConfigurationException("scanner.detectors.custom: id " + id + " is already taken");
            }
            Pattern pattern;
            try {
                pattern = Pattern.compile(node.path("pattern").asText(""));
            } catch (PatternSyntaxException e) {
                throw new ConfigurationException("scanner.detectors.custom: " + id + " has an invalid pattern: "
                        + e.getDescription());
            }
            if (pattern.pattern().isEmpty()) {
                throw new ConfigurationException("scanner.detectors.custom: " + id + " needs a pattern");
            }
            List<String> keywords = new ArrayList<>();
            for (JsonNode keyword : node.path("keywords")) {
                if (!keyword.isTextual() || keyword.asText().isEmpty() || !keyword.asText().chars().allMatch(c -> c < 128)) {
                    throw new ConfigurationException("scanner.detectors.custom: " + id + " keywords must be non-empty ASCII strings");
                }
                keywords.add(keyword.asText());
            }
            int maxLength = node.path("max_length").asInt(DEFAULT_MAX_LENGTH);
            if (maxLength < 1 || maxLength > MAX_MAX_LENGTH) {
                throw new ConfigurationException("scanner.detectors.custom: " + id + " max_length must be 1-" + MAX_MAX_LENGTH);
            }
            detectors.add(new CustomDetector(id, pattern, keywords, maxLength));
        }
        return detectors;
    }

    static AllowList allowList(String json) {
        JsonNode root = parse("scanner.detectors.allow-list", json);
        List<String> entries = new ArrayList<>();
        for (JsonNode node : root) {
            if (!node.isTextual()) {
                throw new ConfigurationException("scanner.detectors.allow-list: entries must be strings");
            }
            if (node.asText().startsWith("regex:")) {
                try {
                    Pattern.compile(node.asText().substring(6));
                } catch (PatternSyntaxException e) {
                    throw new ConfigurationException("scanner.detectors.allow-list: invalid pattern " + node.asText()
                            + ": " + e.getDescription());
                }
            }
            entries.add(node.asText());
        }
        return new AllowList(entries);
    }

    private static JsonNode parse(String key, String json) {
        try {
            JsonNode root = JSON.readTree(json == null || json.isBlank() ? "[]" : json);
            if (root == null || !root.isArray()) {
                throw new ConfigurationException(key + " must be a JSON array");
            }
            return root;
        } catch (java.io.IOException e) {
            throw new ConfigurationException(key + " is not valid JSON");
        }
    }
}
