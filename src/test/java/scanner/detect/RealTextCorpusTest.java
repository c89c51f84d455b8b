package scanner.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import scanner.detect.engine.DetectionEngine;
import scanner.scan.Finding;
import scanner.scan.TextScanner;

/**
 * Precision on real text: public sources, changelogs and documentation hold no secret and no
 * personal data other than their authors' e-mail addresses, so any other finding is a false alarm.
 */
class RealTextCorpusTest {

    private static final Path CORPUS = Path.of("src/test/resources/corpus/real-text");

    @Test
    void real_public_text_raises_no_alarm_but_its_email_addresses() throws Exception {
        TextScanner scanner = new TextScanner(new DetectionEngine(DetectorRegistry.builtIn(), AllowList.EMPTY), 100_000);
        List<String> alarms = new ArrayList<>();
        int files = 0;
        int emails = 0;
        try (Stream<Path> paths = Files.list(CORPUS)) {
            for (Path file : paths.filter(p -> p.toString().endsWith(".gz")).sorted().toList()) {
                files++;
                try (InputStream in = Files.newInputStream(file)) {
                    for (Finding finding : scanner.scan(in)) {
                        if (finding.detector().equals("EMAIL_ADDRESS")) {
                            emails++;
                        } else {
                            alarms.add(file.getFileName() + ":" + finding.line() + " " + finding.detector() + " " + finding.masked());
                        }
                    }
                }
            }
        }
        assertTrue(files >= 20, "the corpus is in place: " + files + " files");
        assertTrue(emails > 100, "the files were read: " + emails + " e-mail addresses");
        assertEquals(List.of(), alarms);
    }
}
