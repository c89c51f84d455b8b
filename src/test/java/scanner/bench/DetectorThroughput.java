package scanner.bench;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.results.RunResult;
import scanner.detect.AllowList;
import scanner.detect.Detector;
import scanner.detect.DetectorRegistry;
import scanner.detect.NaivePatterns;
import scanner.detect.engine.DetectionEngine;
import scanner.scan.Finding;
import scanner.scan.TextScanner;

/**
 * Single-threaded throughput of the detection engine (through the streaming TextScanner, as the
 * scanner route runs it) against a naive baseline that runs each detector's full regex over the
 * whole text. Run: bench/detector-throughput.sh
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 4)
public class DetectorThroughput {

    static final int CORPUS_BYTES = 8 * 1024 * 1024;

    private byte[] corpus;
    private byte[] base64;
    private String corpusText;
    private TextScanner scanner;
    private List<Detector> detectors;

    @Setup
    public void setUp() {
        corpus = Corpus.generate(CORPUS_BYTES, 42);
        base64 = Corpus.base64Blob(CORPUS_BYTES, 42);
        corpusText = new String(corpus, StandardCharsets.ISO_8859_1);
        detectors = DetectorRegistry.builtIn();
        scanner = new TextScanner(new DetectionEngine(detectors, AllowList.EMPTY), 1_000_000);
    }

    @Benchmark
    public List<Finding> engine() throws Exception {
        return scanner.scan(new ByteArrayInputStream(corpus));
    }

    /** A hard case for any pre-filter: attachments and key material, where every byte could start a token. */
    @Benchmark
    public List<Finding> engineOnBase64() throws Exception {
        return scanner.scan(new ByteArrayInputStream(base64));
    }

    /** Each detector's full pattern over the whole text, one after the other. */
    @Benchmark
    public int naiveBaseline() {
        int matches = 0;
        for (Detector detector : detectors) {
            Matcher m = NaivePatterns.of(detector).matcher(corpusText);
            while (m.find()) {
                matches++;
            }
        }
        return matches;
    }

    public static void main(String[] args) throws RunnerException {
        var options = new OptionsBuilder().include(DetectorThroughput.class.getName() + ".*");
        if (args.length > 0 && args[0].equals("quick")) {
            options.warmupIterations(1).warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(2))
                    .measurementIterations(2).measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(2));
        }
        double engine = 0;
        double naive = 0;
        System.out.println();
        for (RunResult result : new Runner(options.build()).run()) {
            String name = result.getParams().getBenchmark();
            double opsPerSecond = result.getPrimaryResult().getScore();
            double error = result.getPrimaryResult().getScoreError();
            double mbPerSecond = opsPerSecond * CORPUS_BYTES / 1e6;
            System.out.printf(Locale.ROOT, "%-16s %8.1f MB/s per core (± %.1f)%n", name.substring(name.lastIndexOf('.') + 1),
                    mbPerSecond, error * CORPUS_BYTES / 1e6);
            if (name.endsWith("engine")) {
                engine = mbPerSecond;
            } else if (name.endsWith("naiveBaseline")) {
                naive = mbPerSecond;
            }
        }
        System.out.printf(Locale.ROOT, "engine / naive baseline: %.1fx on a %d MiB corpus of logs, CSV, JSON and prose%n",
                engine / naive, CORPUS_BYTES >> 20);
    }
}
