package scanner.scan;

import scanner.formats.UnsupportedContentException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import scanner.detect.AllowList;
import scanner.detect.DetectorRegistry;
import scanner.detect.engine.DetectionEngine;
import scanner.detect.UsSsnDetector;

class TextScannerTest {

    private static final String SSN = "123-45-6780";

    private static final DetectionEngine ALL = new DetectionEngine(DetectorRegistry.builtIn(), AllowList.EMPTY);
    private static final DetectionEngine SSN_ONLY = new DetectionEngine(List.of(new UsSsnDetector()), AllowList.EMPTY);

    private final TextScanner scanner = new TextScanner(ALL, 10_000);

    @Test
    void reports_detector_line_byte_offset_and_masked_value() throws Exception {
        // "é" and "€" take 2 and 3 bytes in UTF-8: offsets count bytes, not characters.
        String text = "first line é\nsecond € line " + SSN + "\nthird a.b@example.com\n";

        List<Finding> findings = scanner.scan(utf8(text));

        int ssnOffset = text.substring(0, text.indexOf(SSN)).getBytes(StandardCharsets.UTF_8).length;
        int emailOffset = text.substring(0, text.indexOf("a.b@")).getBytes(StandardCharsets.UTF_8).length;
        assertEquals(List.of(
                new Finding("US_SSN", 2, ssnOffset, "***-**-6780"),
                new Finding("EMAIL_ADDRESS", 3, emailOffset, "a***@example.com")), findings);
    }

    @Test
    void a_value_across_any_window_edge_is_found_once_at_its_place() throws Exception {
        TextScanner small = new TextScanner(SSN_ONLY, 64, 100);
        for (int position = 0; position < 300; position++) {
            String text = " ".repeat(position) + SSN + " ".repeat(70);

            List<Finding> findings = small.scan(utf8(text));

            assertEquals(List.of(new Finding("US_SSN", 1, position, "***-**-6780")), findings, "at " + position);
        }
    }

    @Test
    void line_numbers_stay_exact_across_many_windows() throws Exception {
        TextScanner small = new TextScanner(SSN_ONLY, 64, 100);
        StringBuilder text = new StringBuilder();
        for (int line = 1; line <= 200; line++) {
            text.append(line % 37 == 0 ? "id " + SSN : "filler line " + line).append('\n');
        }

        List<Finding> findings = small.scan(utf8(text.toString()));

        assertEquals(List.of(37, 74, 111, 148, 185), findings.stream().map(Finding::line).toList());
        for (Finding f : findings) {
            assertEquals(SSN, text.substring((int) f.offset(), (int) f.offset() + SSN.length()));
        }
    }

    @Test
    void gzip_content_is_scanned_with_offsets_in_the_decompressed_text() throws Exception {
        String text = "header\nvalue " + SSN + "\n";

        List<Finding> findings = scanner.scan(new ByteArrayInputStream(gzip(text.getBytes(StandardCharsets.UTF_8))));

        assertEquals(List.of(new Finding("US_SSN", 2, text.indexOf(SSN), "***-**-6780")), findings);
    }

    @Test
    void binary_content_is_an_unsupported_format() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R'};

        var e = assertThrows(UnsupportedContentException.class, () -> scanner.scan(new ByteArrayInputStream(png)));

        assertTrue(e.getMessage().startsWith("unsupported format"), e.getMessage());
    }

    @Test
    void corrupt_gzip_is_refused_with_a_reason() throws Exception {
        byte[] gz = gzip(("x " + SSN + "\n").repeat(1000).getBytes(StandardCharsets.UTF_8));
        byte[] truncated = java.util.Arrays.copyOf(gz, gz.length / 2);
        truncated[12] ^= 0x55;

        var e = assertThrows(UnsupportedContentException.class, () -> scanner.scan(new ByteArrayInputStream(truncated)));

        assertTrue(e.getMessage().contains("gzip"), e.getMessage());
    }

    @Test
    void empty_content_has_no_findings() throws Exception {
        assertEquals(List.of(), scanner.scan(new ByteArrayInputStream(new byte[0])));
    }

    @Test
    void findings_per_object_are_capped() throws Exception {
        TextScanner capped = new TextScanner(ALL, 3);

        List<Finding> findings = capped.scan(utf8(("id " + SSN + "\n").repeat(10)));

        assertEquals(3, findings.size());
    }

    @Test
    void utf16_text_with_a_byte_order_mark_is_scanned_with_offsets_in_its_bytes() throws Exception {
        String text = "name,ssn\nzoë," + SSN + "\n";
        for (var charset : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            byte[] body = text.getBytes(charset);
            byte[] bom = charset == StandardCharsets.UTF_16LE ? new byte[] {(byte) 0xff, (byte) 0xfe} : new byte[] {(byte) 0xfe, (byte) 0xff};
            byte[] content = new byte[bom.length + body.length];
            System.arraycopy(bom, 0, content, 0, 2);
            System.arraycopy(body, 0, content, 2, body.length);

            List<Finding> findings = scanner.scan(new ByteArrayInputStream(content));

            assertEquals(List.of(new Finding("US_SSN", 2, 2 + 2L * text.indexOf(SSN), "***-**-6780")), findings, charset.name());
        }
    }

    @Test
    void utf16_without_a_byte_order_mark_is_an_unsupported_format() {
        byte[] content = ("plain text " + SSN).getBytes(StandardCharsets.UTF_16LE);

        assertThrows(UnsupportedContentException.class, () -> scanner.scan(new ByteArrayInputStream(content)));
    }

    @Test
    void allow_listed_values_are_never_reported() throws Exception {
        DetectionEngine engine = new DetectionEngine(DetectorRegistry.builtIn(),
                new AllowList(List.of("AKIAIOSFODNN7EXAMPLE", "regex:.*@example\\.com")));

        List<Finding> findings = new TextScanner(engine, 10).scan(utf8(
                "AKIAIOSFODNN7EXAMPLE a@example.com b@example.org " + SSN));

        assertEquals(List.of("EMAIL_ADDRESS", "US_SSN"), findings.stream().map(Finding::detector).toList());
    }

    private static InputStream utf8(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
