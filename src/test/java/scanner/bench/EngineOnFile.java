package scanner.bench;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import scanner.detect.AllowList;
import scanner.detect.DetectorRegistry;
import scanner.detect.engine.DetectionEngine;
import scanner.scan.TextScanner;

/**
 * The detection engine over one file, one thread, as the scanner runs it (streaming windows):
 * warm-up passes, then timed passes; prints the median and best MB/s and the findings by
 * detector. Run by bench/detector-vs-rg.sh beside ripgrep on the same file.
 */
public final class EngineOnFile {

    public static void main(String[] args) throws Exception {
        byte[] text = Files.readAllBytes(Path.of(args[0]));
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        TextScanner scanner = new TextScanner(new DetectionEngine(DetectorRegistry.builtIn(), AllowList.EMPTY), Integer.MAX_VALUE);
        var findings = scanner.scan(new ByteArrayInputStream(text));
        for (int i = 0; i < 3; i++) {
            scanner.scan(new ByteArrayInputStream(text));
        }
        double[] rates = new double[passes];
        for (int i = 0; i < passes; i++) {
            long start = System.nanoTime();
            scanner.scan(new ByteArrayInputStream(text));
            rates[i] = text.length / 1e6 / ((System.nanoTime() - start) / 1e9);
        }
        Arrays.sort(rates);
        var byDetector = new java.util.TreeMap<String, Integer>();
        findings.forEach(f -> byDetector.merge(f.detector(), 1, Integer::sum));
        System.out.printf(Locale.ROOT, "engine: median %.0f MB/s, best %.0f MB/s (%d passes over %.1f MB, one thread); findings %s%n",
                rates[passes / 2], rates[passes - 1], passes, text.length / 1e6, byDetector);
    }
}
