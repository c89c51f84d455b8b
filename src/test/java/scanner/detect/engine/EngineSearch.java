package scanner.detect.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** For tests: every match the engine finds in a short ASCII text, in order (production scans streams, see TextScanner). */
public final class EngineSearch {

    private EngineSearch() {
    }

    public static List<DetectionEngine.Found> findAll(DetectionEngine engine, CharSequence ascii) {
        byte[] bytes = ascii.toString().getBytes(StandardCharsets.ISO_8859_1);
        List<DetectionEngine.Found> found = new ArrayList<>();
        engine.scan(bytes, bytes.length, 0, bytes.length, (id, s, e, m) -> found.add(new DetectionEngine.Found(id, s, e, m)));
        return found;
    }
}
