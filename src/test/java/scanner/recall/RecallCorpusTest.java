package scanner.recall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import scanner.detect.AllowList;
import scanner.detect.DetectorRegistry;
import scanner.detect.engine.DetectionEngine;
import scanner.scan.Finding;
import scanner.scan.TextScanner;

/**
 * Recall and precision where personal data really sits: the labeled {@link RecallCorpus} (CSV
 * and TSV exports, JSON and NDJSON dumps, logs, SQL dumps, YAML and .env configs, e-mails) is
 * scanned as the product scans objects, and every finding is matched to a label. Figures per
 * detector and per file kind are printed (the README quotes them); the test fails when any
 * detector or any file kind falls below precision 0.99 or recall 0.98. A precision rule added to a
 * detector shows its recall cost here.
 */
class RecallCorpusTest {

    static final double MIN_PRECISION = 0.99;
    static final double MIN_RECALL = 0.98;
    private static final long[] SEEDS = {11, 23, 47};
    private static final int FILES_PER_KIND = 6;

    /** True positives, missed labels and false alarms of one row of the table. */
    static final class Tally {
        int found;
        int missed;
        int falseAlarms;

        double precision() {
            return found + falseAlarms == 0 ? 1.0 : (double) found / (found + falseAlarms);
        }

        double recall() {
            return found + missed == 0 ? 1.0 : (double) found / (found + missed);
        }
    }

    @Test
    void every_detector_and_every_file_kind_meets_the_thresholds() throws Exception {
        TextScanner scanner = new TextScanner(new DetectionEngine(DetectorRegistry.builtIn(), AllowList.EMPTY), 1_000_000);
        Map<String, Tally> byDetector = new TreeMap<>();
        Map<String, Tally> byKind = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        int files = 0;
        for (long seed : SEEDS) {
            for (RecallCorpus.File file : new RecallCorpus(seed).files(FILES_PER_KIND)) {
                files++;
                byte[] bytes = file.text().getBytes(StandardCharsets.UTF_8);
                assertEquals(file.text().length(), bytes.length, "the corpus is ASCII, so offsets are bytes: " + file.name());
                List<Finding> findings = scanner.scan(new ByteArrayInputStream(bytes));
                boolean[] matched = new boolean[file.labels().size()];
                for (Finding f : findings) {
                    int label = labelAt(file.labels(), f);
                    if (label >= 0 && !matched[label]) {
                        matched[label] = true;
                        tally(byDetector, byKind, f.detector(), file.kind()).forEach(t -> t.found++);
                    } else {
                        tally(byDetector, byKind, f.detector(), file.kind()).forEach(t -> t.falseAlarms++);
                        problems.add("false alarm " + f.detector() + " in " + file.name() + " line " + f.line() + ": " + f.masked()
                                + " at " + shape(file.text(), new RecallCorpus.Label(f.detector(), (int) f.offset(), (int) f.offset() + 24)));
                    }
                }
                for (int i = 0; i < matched.length; i++) {
                    if (!matched[i]) {
                        RecallCorpus.Label l = file.labels().get(i);
                        tally(byDetector, byKind, l.detector(), file.kind()).forEach(t -> t.missed++);
                        problems.add("missed " + l.detector() + " in " + file.name() + ": " + shape(file.text(), l));
                    }
                }
            }
        }

        System.out.println(table("detector", byDetector) + "\n" + table("file kind", byKind));
        problems.stream().limit(40).forEach(System.out::println);
        assertEquals(SEEDS.length * FILES_PER_KIND * RecallCorpus.KINDS.size(), files);
        assertEquals(RecallCorpus.KINDS, new ArrayList<>(byKind.keySet()).stream()
                .sorted((a, b) -> RecallCorpus.KINDS.indexOf(a) - RecallCorpus.KINDS.indexOf(b)).toList());
        assertEquals(13, byDetector.size(), "every built-in detector has labels: " + byDetector.keySet());
        List<String> below = new ArrayList<>();
        for (Map<String, Tally> rows : List.of(byDetector, byKind)) {
            rows.forEach((name, t) -> {
                if (t.precision() < MIN_PRECISION || t.recall() < MIN_RECALL) {
                    below.add(String.format(Locale.ROOT, "%s: precision %.3f, recall %.3f", name, t.precision(), t.recall()));
                }
            });
        }
        assertTrue(below.isEmpty(), "below the thresholds: " + below + "\n" + String.join("\n", problems.stream().limit(40).toList()));
    }

    /** The label a finding falls on: same detector, its start inside the label's range. */
    private static int labelAt(List<RecallCorpus.Label> labels, Finding f) {
        for (int i = 0; i < labels.size(); i++) {
            RecallCorpus.Label l = labels.get(i);
            if (l.detector().equals(f.detector()) && f.offset() >= l.start() && f.offset() < l.end()) {
                return i;
            }
        }
        return -1;
    }

    /** The two rows a count goes to: the detector's and the file kind's. */
    private static List<Tally> tally(Map<String, Tally> byDetector, Map<String, Tally> byKind, String detector, String kind) {
        return List.of(byDetector.computeIfAbsent(detector, d -> new Tally()), byKind.computeIfAbsent(kind, k -> new Tally()));
    }

    /** A missed value's shape, never the value: digits become 9, letters a or A. */
    private static String shape(String text, RecallCorpus.Label l) {
        String before = text.substring(Math.max(0, l.start() - 12), l.start()).replace("\n", "\\n");
        String value = text.substring(l.start(), l.end()).replaceAll("[0-9]", "9").replaceAll("[a-z]", "a").replaceAll("[A-Z]", "A");
        return "…" + before + "[" + value + "]";
    }

    static String table(String title, Map<String, Tally> rows) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "| %-22s | labels | found | missed | false alarms | precision | recall |%n", title));
        s.append("|---|---|---|---|---|---|---|\n");
        rows.forEach((name, t) -> s.append(String.format(Locale.ROOT, "| %-22s | %6d | %5d | %6d | %12d | %9.3f | %6.3f |%n",
                name, t.found + t.missed, t.found, t.missed, t.falseAlarms, t.precision(), t.recall())));
        return s.toString();
    }
}
