package scanner.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import scanner.detect.engine.Latin1Text;

/** JSON Web Tokens: three base64url segments whose first decodes to a JSON header with "alg". */
public final class JwtDetector implements Detector {

    private static final ObjectMapper JSON = scanner.config.Json.MAPPER;
    private static final int MAX_LENGTH = 8192;
    static final Pattern TOKEN = Pattern.compile(
            "(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]{5,})\\.([A-Za-z0-9_-]{2,})\\.([A-Za-z0-9_-]*)(?![A-Za-z0-9_-])");

    @Override
    public String id() {
        return "JWT";
    }

    @Override
    public Trigger trigger() {
        return Trigger.KEYWORD;
    }

    @Override
    public List<String> keywords() {
        return List.of("eyJ");
    }

    @Override
    public int maxMatchLength() {
        return MAX_LENGTH;
    }


    @Override
    public void verify(Latin1Text text, int start, int end, MatchSink sink) {
        if (!Regions.startsWith(text, start, "eyJ")) {
            return;
        }
        Matcher m = Regions.at(TOKEN, text, start, MAX_LENGTH);
        if (m != null) {
            String alg = algorithm(m.group(1));
            if (alg != null) {
                sink.match(m.start(), m.end(), m.group(), "eyJ***.***.*** (alg " + alg + ")");
            }
        }
    }

    /** The header's "alg", or null when the header is not a JSON object with one. */
    static String algorithm(String header) {
        try {
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(header));
            if (node == null || !node.isObject() || !node.path("alg").isTextual()) {
                return null;
            }
            String alg = node.path("alg").asText();
            return alg.matches("[A-Za-z0-9]{1,16}") ? alg : "?";
        } catch (IllegalArgumentException | java.io.IOException e) {
            return null;
        }
    }
}
