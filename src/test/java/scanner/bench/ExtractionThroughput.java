package scanner.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.Random;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;
import scanner.detect.AllowList;
import scanner.detect.DetectorRegistry;
import scanner.detect.engine.DetectionEngine;
import scanner.formats.ContentExtractor;
import scanner.scan.ObjectScanner;
import scanner.scan.ScanOutcome;
import scanner.scan.TextScanner;

/**
 * Documents scanned per second: a docx, an xlsx and a PDF of generated business text (a finding
 * every few lines), each scanned as the scanner does (Tika extraction to a spool file, then the
 * engine), beside Tika's text extraction alone on the same bytes (the plain alternative: what
 * any scanner built on Tika pays at least). Run: bench/extraction-throughput.sh
 */
public final class ExtractionThroughput {

    public static void main(String[] args) throws Exception {
        int passes = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Random random = new Random(42);
        String[] lines = new String[20_000];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = "Customer " + i + " " + words(random, 8) + (i % 7 == 0 ? " ssn 219-09-9991" : "")
                    + (i % 11 == 0 ? " mail jane.roe" + i + "@example.org" : "");
        }
        ObjectScanner scanner = new ObjectScanner(new ContentExtractor(ContentExtractor.Limits.DEFAULT),
                new TextScanner(new DetectionEngine(DetectorRegistry.builtIn(), AllowList.EMPTY), 1_000_000),
                Long.MAX_VALUE, 1_000_000);
        System.out.printf(Locale.ROOT, "%-6s %9s %12s %18s %18s %8s%n", "format", "file MB", "findings",
                "scanned MB/s", "Tika alone MB/s", "ratio");
        run("docx", docx(lines), scanner, passes);
        run("xlsx", xlsx(lines), scanner, passes);
        run("pdf", pdf(lines), scanner, passes);
    }

    private static void run(String format, byte[] file, ObjectScanner scanner, int passes) throws Exception {
        ScanOutcome outcome = scanner.scan("bench." + format, new ByteArrayInputStream(file));
        if (!outcome.succeeded()) {
            throw new IllegalStateException(outcome.error());
        }
        double scanned = best(passes, () -> scanner.scan("bench." + format, new ByteArrayInputStream(file)));
        AutoDetectParser tika = new AutoDetectParser();
        double plain = best(passes, () -> tika.parse(new ByteArrayInputStream(file), new BodyContentHandler(-1),
                new Metadata(), new ParseContext()));
        double mb = file.length / 1e6;
        System.out.printf(Locale.ROOT, "%-6s %9.1f %12d %18.1f %18.1f %8.2f%n", format, mb, outcome.findings().size(),
                mb / scanned, mb / plain, plain / scanned);
    }

    interface Work {
        void run() throws Exception;
    }

    /** Best wall time in seconds of {@code passes} runs, after two warm-up runs. */
    private static double best(int passes, Work work) throws Exception {
        work.run();
        work.run();
        double best = Double.MAX_VALUE;
        for (int i = 0; i < passes; i++) {
            long start = System.nanoTime();
            work.run();
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        return best;
    }

    private static String words(Random random, int n) {
        String[] vocabulary = {"order", "invoice", "shipped", "account", "balance", "address", "street", "payment",
            "received", "pending", "refund", "total", "quarter", "region", "north", "south", "product", "price"};
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(vocabulary[random.nextInt(vocabulary.length)]).append(' ').append(random.nextInt(10_000)).append(' ');
        }
        return s.toString().trim();
    }

    private static byte[] docx(String[] lines) throws Exception {
        try (var doc = new org.apache.poi.xwpf.usermodel.XWPFDocument()) {
            for (String line : lines) {
                doc.createParagraph().createRun().setText(line);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.write(out);
            return out.toByteArray();
        }
    }

    private static byte[] xlsx(String[] lines) throws Exception {
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook()) {
            var sheet = book.createSheet("Customers");
            for (int r = 0; r < lines.length; r++) {
                String[] cells = lines[r].split(" (?=ssn|mail)|(?<=\\d) (?=[a-z])", 4);
                var row = sheet.createRow(r);
                for (int c = 0; c < cells.length; c++) {
                    row.createCell(c).setCellValue(cells[c]);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            book.write(out);
            return out.toByteArray();
        }
    }

    private static byte[] pdf(String[] lines) throws Exception {
        try (var doc = new org.apache.pdfbox.pdmodel.PDDocument()) {
            var font = new org.apache.pdfbox.pdmodel.font.PDType1Font(
                    org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA);
            for (int first = 0; first < lines.length; first += 50) {
                var page = new org.apache.pdfbox.pdmodel.PDPage();
                doc.addPage(page);
                try (var content = new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, page)) {
                    content.beginText();
                    content.setFont(font, 7);
                    content.setLeading(9);
                    content.newLineAtOffset(20, 760);
                    for (int i = first; i < Math.min(lines.length, first + 50); i++) {
                        content.showText(lines[i]);
                        content.newLine();
                    }
                    content.endText();
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }
}
