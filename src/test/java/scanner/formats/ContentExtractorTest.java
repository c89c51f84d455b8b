package scanner.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static scanner.formats.Samples.AWS_KEY_ID;
import static scanner.formats.Samples.EMAIL;
import static scanner.formats.Samples.SSN;
import static scanner.formats.Samples.entries;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import scanner.detect.AllowList;
import scanner.detect.DetectorRegistry;
import scanner.detect.engine.DetectionEngine;
import scanner.scan.Finding;
import scanner.scan.Findings;
import scanner.scan.TextScanner;
import scanner.formats.UnsupportedContentException;

/** Every format the scanner opens, with planted values found where they are; and what it refuses. */
class ContentExtractorTest {

    private static final TextScanner TEXT = new TextScanner(new DetectionEngine(DetectorRegistry.builtIn(), AllowList.EMPTY), 1000);
    private static final String CSV = "id,name,ssn\n1,Jane Roe," + SSN + "\n";

    private static List<Finding> scan(String key, byte[] content) throws Exception {
        return scan(key, content, ContentExtractor.Limits.DEFAULT);
    }

    private static List<Finding> scan(String key, byte[] content, ContentExtractor.Limits limits) throws Exception {
        Findings findings = new Findings(1000);
        new ContentExtractor(limits).extract(key, new ByteArrayInputStream(content),
                (text, location) -> TEXT.scan(text, location, findings));
        return findings.kept();
    }

    private static String refusal(String key, byte[] content, ContentExtractor.Limits limits) {
        return assertThrows(UnsupportedContentException.class, () -> scan(key, content, limits)).getMessage();
    }

    private static Finding only(List<Finding> findings, String detector) {
        List<Finding> of = findings.stream().filter(f -> f.detector().equals(detector)).toList();
        assertEquals(1, of.size(), detector + " in " + findings);
        return of.get(0);
    }

    @Test
    void plain_text_and_gzip_are_the_objects_own_text() throws Exception {
        Finding plain = only(scan("customers.csv", CSV.getBytes()), "US_SSN");
        Finding gzipped = only(scan("customers.csv.gz", Samples.gzip(CSV.getBytes())), "US_SSN");

        for (Finding f : List.of(plain, gzipped)) {
            assertEquals(null, f.location());
            assertEquals(2, f.line());
            assertEquals(CSV.indexOf(SSN), f.offset());
        }
    }

    @Test
    void zip_entries_are_named_with_their_path_and_counted_from_their_own_start() throws Exception {
        byte[] zip = Samples.zip(entries("2024/readme.txt", "nothing here\n", "2024/customers.csv", CSV,
                "2024/contacts.txt", "\n\nwrite to " + EMAIL));

        List<Finding> findings = scan("exports.zip", zip);

        Finding ssn = only(findings, "US_SSN");
        assertEquals("exports.zip!/2024/customers.csv", ssn.location());
        assertEquals(2, ssn.line());
        assertEquals(CSV.indexOf(SSN), ssn.offset());
        Finding email = only(findings, "EMAIL_ADDRESS");
        assertEquals("exports.zip!/2024/contacts.txt", email.location());
        assertEquals(3, email.line());
        assertEquals(2 + "write to ".length(), email.offset());
    }

    @Test
    void nested_archives_of_every_kind() throws Exception {
        byte[] inner = Samples.zip(entries("notes.txt", "key " + AWS_KEY_ID + "\n"));
        byte[] tgz = Samples.gzip(Samples.tar(entries("logs/app.log", "ok\nuser " + EMAIL + "\n")));
        byte[] outer = Samples.zip(entries("inner.zip", inner, "backup.tar.gz", tgz,
                "data.tar", Samples.tar(entries("deep/customers.csv", CSV))));

        List<Finding> findings = scan("outer.zip", outer);

        assertEquals("outer.zip!/inner.zip!/notes.txt", only(findings, "AWS_ACCESS_KEY_ID").location());
        Finding email = only(findings, "EMAIL_ADDRESS");
        assertEquals("outer.zip!/backup.tar.gz!/logs/app.log", email.location());
        assertEquals(2, email.line());
        assertEquals("outer.zip!/data.tar!/deep/customers.csv", only(findings, "US_SSN").location());
    }

    @Test
    void tar_and_tar_gz_objects() throws Exception {
        byte[] tar = Samples.tar(entries("a/customers.csv", CSV));

        assertEquals("dump.tar!/a/customers.csv", only(scan("dump.tar", tar), "US_SSN").location());
        assertEquals("dump.tar.gz!/a/customers.csv", only(scan("dump.tar.gz", Samples.gzip(tar)), "US_SSN").location());
        assertEquals("dump.tgz!/a/customers.csv", only(scan("dump.tgz", Samples.gzip(tar)), "US_SSN").location());
    }

    @Test
    void office_documents_opendocument_and_pdf() throws Exception {
        assertEquals(null, only(scan("letter.docx", Samples.docx("Dear Jane,", "your SSN is " + SSN + ".")), "US_SSN").location());
        assertEquals("customers.xlsx!Customers", only(scan("customers.xlsx", Samples.xlsx(new String[][] {{"name", "email"}, {"Jane", EMAIL}})),
                "EMAIL_ADDRESS").location());
        assertEquals("deck.pptx!slide 1", only(scan("deck.pptx", Samples.pptx("Contact " + EMAIL)), "EMAIL_ADDRESS").location());
        assertEquals(null, only(scan("memo.odt", Samples.odt("SSN " + SSN)), "US_SSN").location());
        assertEquals(null, only(scan("report.pdf", Samples.pdf("Customer SSN " + SSN, null)), "US_SSN").location());
        // Legacy Office (OLE2), through the same parsers.
        assertEquals("old.xls!Customers", only(scan("old.xls", Samples.xls(new String[][] {{"ssn"}, {SSN}})), "US_SSN").location());
        assertEquals("old.ppt!slide 1", only(scan("old.ppt", Samples.ppt("Contact " + EMAIL)), "EMAIL_ADDRESS").location());
        // A document without its usual name is known by its content.
        only(scan("upload-1234", Samples.docx("ssn " + SSN)), "US_SSN");
    }

    /** A finding names the sheet or slide a person opens, and its line counts from that part's start. */
    @Test
    void findings_in_workbooks_and_presentations_name_their_sheet_or_slide() throws Exception {
        List<Finding> book = scan("report.xlsx", Samples.xlsx(
                "Summary", new String[][] {{"quarter", "total"}, {"Q1", "12"}},
                "Staff 2024", new String[][] {{"name", "ssn"}, {"Jane", "n/a"}, {"John", SSN}}));
        Finding ssn = only(book, "US_SSN");
        assertEquals("report.xlsx!Staff 2024", ssn.location());
        assertTrue(ssn.line() <= 5, "line within the sheet: " + ssn.line());

        List<Finding> deck = scan("deck.pptx", Samples.pptx("Welcome", "Agenda", "Write to " + EMAIL));
        assertEquals("deck.pptx!slide 3", only(deck, "EMAIL_ADDRESS").location());
        List<Finding> old = scan("deck.ppt", Samples.ppt("Welcome", "SSN " + SSN));
        assertEquals("deck.ppt!slide 2", only(old, "US_SSN").location());
    }

    @Test
    void documents_inside_archives_are_named_by_their_path() throws Exception {
        byte[] zip = Samples.zip(entries("q1/customers.xlsx", Samples.xlsx(new String[][] {{"ssn"}, {SSN}}),
                "q1/report.pdf", Samples.pdf("mail " + EMAIL, null)));

        List<Finding> findings = scan("reports.zip", zip);

        assertEquals("reports.zip!/q1/customers.xlsx!Customers", only(findings, "US_SSN").location());
        assertEquals("reports.zip!/q1/report.pdf", only(findings, "EMAIL_ADDRESS").location());
    }

    @Test
    void encrypted_archives_and_documents_fail_with_reason_encrypted() throws Exception {
        byte[] zip = Samples.zip(entries("secret.csv", CSV), true);

        assertEquals("encrypted: locked.zip!/secret.csv is password-protected", refusal("locked.zip", zip, ContentExtractor.Limits.DEFAULT));
        assertTrue(refusal("locked.pdf", Samples.pdf("SSN " + SSN, "pw"), ContentExtractor.Limits.DEFAULT).startsWith("encrypted: "));
        assertTrue(refusal("locked.docx", Samples.encryptedDocx("SSN " + SSN), ContentExtractor.Limits.DEFAULT).startsWith("encrypted: "));
        byte[] nested = Samples.zip(entries("in/locked.pdf", Samples.pdf("x", "pw")));
        assertEquals("encrypted: outer.zip!/in/locked.pdf is password-protected",
                refusal("outer.zip", nested, ContentExtractor.Limits.DEFAULT));
    }

    @Test
    void zip_bombs_are_refused_by_ratio_depth_and_entry_count() throws Exception {
        // 200 MB of one repeated line compress about a thousand times.
        java.io.ByteArrayOutputStream bomb = new java.io.ByteArrayOutputStream();
        try (var zip = new org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream(bomb)) {
            zip.putArchiveEntry(new org.apache.commons.compress.archivers.zip.ZipArchiveEntry("a.txt"));
            byte[] line = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n".repeat(1024).getBytes();
            for (int i = 0; i < 200 * 1024 * 1024 / line.length; i++) {
                zip.write(line);
            }
            zip.closeArchiveEntry();
        }
        assertTrue(refusal("bomb.zip", bomb.toByteArray(), ContentExtractor.Limits.DEFAULT)
                .startsWith("zip bomb: more than 100 bytes extracted per byte read"));

        byte[] nested = Samples.zip(entries("x.txt", "x"));
        for (int i = 0; i < 8; i++) {
            nested = Samples.zip(entries("level" + i + ".zip", nested));
        }
        assertTrue(refusal("droste.zip", nested, ContentExtractor.Limits.DEFAULT).startsWith("zip bomb: archives nested more than 6 deep"));

        Object[] many = new Object[2 * 60];
        for (int i = 0; i < 60; i++) {
            many[2 * i] = "f" + i + ".txt";
            many[2 * i + 1] = "x";
        }
        assertEquals("zip bomb: more than 50 archive entries (at many.zip!/f50.txt)",
                refusal("many.zip", Samples.zip(entries(many)), new ContentExtractor.Limits(6, 50, 100)));
    }

    @Test
    void unknown_binary_formats_are_refused_as_unsupported() throws Exception {
        byte[] png = new byte[4096];
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}, 0, png, 0, 8);
        assertEquals("unsupported format: image", refusal("photo.png", png, ContentExtractor.Limits.DEFAULT));
        byte[] random = new byte[4096];
        new java.util.Random(7).nextBytes(random);
        random[0] = 1;
        assertTrue(refusal("blob.bin", random, ContentExtractor.Limits.DEFAULT).startsWith("unsupported format"));
        byte[] inZip = Samples.zip(entries("img/photo.png", png));
        assertEquals("unsupported format: image (pics.zip!/img/photo.png)", refusal("pics.zip", inZip, ContentExtractor.Limits.DEFAULT));
    }

    @Test
    void a_corrupt_document_is_refused_with_its_kind() throws Exception {
        byte[] broken = java.util.Arrays.copyOf(Samples.pdf("x", null), 200);
        String reason = refusal("broken.pdf", broken, ContentExtractor.Limits.DEFAULT);
        assertTrue(reason.startsWith("cannot parse PDF"), reason);
        String inZip = refusal("docs.zip", Samples.zip(entries("a/broken.pdf", broken)), ContentExtractor.Limits.DEFAULT);
        assertTrue(inZip.startsWith("cannot parse PDF (docs.zip!/a/broken.pdf)"), inZip);
    }

    /** Deflate data with a flipped byte in its middle: the header is fine, the data is not. */
    private static byte[] corruptGzip() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            text.append("line ").append(i).append(" of a log nobody reads\n");
        }
        byte[] gz = Samples.gzip(text.toString().getBytes());
        for (int i = 40; i < 60; i++) {
            gz[i] ^= (byte) 0x5a;
        }
        return gz;
    }

    @Test
    void corrupt_compression_is_the_contents_fault_not_a_read_error() throws Exception {
        String gz = refusal("app.log.gz", corruptGzip(), ContentExtractor.Limits.DEFAULT);
        assertTrue(gz.startsWith("corrupt gzip data"), gz);
        byte[] truncated = java.util.Arrays.copyOf(Samples.gzip(CSV.repeat(50).getBytes()), 60);
        assertTrue(refusal("cut.csv.gz", truncated, ContentExtractor.Limits.DEFAULT).startsWith("corrupt gzip data"));
        String nested = refusal("logs.zip", Samples.zip(entries("2024/app.log.gz", corruptGzip())), ContentExtractor.Limits.DEFAULT);
        assertTrue(nested.startsWith("corrupt gzip data (logs.zip!/2024/app.log.gz)"), nested);
    }

    @Test
    void a_broken_archive_is_refused_as_corrupt() throws Exception {
        byte[] zip = Samples.zip(entries("a.csv", CSV.repeat(200), "b.csv", CSV.repeat(200)));
        byte[] broken = java.util.Arrays.copyOf(zip, zip.length);
        for (int i = 60; i < 90; i++) {
            broken[i] ^= (byte) 0x33;
        }
        String reason = refusal("exports.zip", broken, ContentExtractor.Limits.DEFAULT);
        assertTrue(reason.startsWith("corrupt zip archive"), reason);
        byte[] tar = Samples.tar(entries("a.csv", CSV.repeat(200)));
        byte[] badTar = java.util.Arrays.copyOf(tar, tar.length);
        for (int i = 100; i < 160; i++) {
            badTar[i] = (byte) 'z'; // the header's mode, owner and size fields: no longer octal
        }
        String tarReason = refusal("exports.tar", badTar, ContentExtractor.Limits.DEFAULT);
        assertTrue(tarReason.startsWith("corrupt tar archive"), tarReason);
    }

    /** A stream that breaks after {@code good} bytes, as a reset connection does. */
    private static java.io.InputStream breaksAfter(byte[] content, int good) {
        return new java.io.FilterInputStream(new ByteArrayInputStream(content)) {
            private int read;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (read >= good) {
                    throw new java.net.SocketException("Connection reset");
                }
                int n = super.read(b, off, Math.min(len, good - read));
                read += Math.max(n, 0);
                return n;
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }
        };
    }

    @Test
    void a_failure_of_the_transport_stays_a_read_error_under_every_decoder() throws Exception {
        byte[] text = CSV.repeat(5000).getBytes();
        Map<String, byte[]> objects = Map.of(
                "big.csv", text,
                "big.csv.gz", Samples.gzip(text),
                "big.zip", Samples.zip(entries("big.csv", CSV.repeat(5000))),
                "big.tar", Samples.tar(entries("big.csv", CSV.repeat(5000))),
                "big.pdf", Samples.pdf("id name ssn 1 Jane Roe ".repeat(300), null));
        for (Map.Entry<String, byte[]> object : objects.entrySet()) {
            int good = object.getValue().length / 2;
            Findings findings = new Findings(1000);
            assertThrows(TransportException.class, () -> new ContentExtractor(ContentExtractor.Limits.DEFAULT).extract(
                    object.getKey(), breaksAfter(object.getValue(), good), (t, location) -> TEXT.scan(t, location, findings)),
                    object.getKey());
        }
    }

    @Test
    void a_document_yielding_more_text_than_allowed_fails() throws Exception {
        ContentExtractor.Limits small = new ContentExtractor.Limits(6, 100, 100, 1000);
        String reason = refusal("long.docx", Samples.docx("word ".repeat(1000)), small);
        assertTrue(reason.startsWith("too much text"), reason);
        assertEquals(1, scan("short.docx", Samples.docx("ssn " + SSN), small).size());
    }

    @Test
    void a_document_taking_longer_than_allowed_fails() throws Exception {
        ContentExtractor.Limits noTime = new ContentExtractor.Limits(6, 100, 100, 1_000_000, java.time.Duration.ZERO);
        String reason = refusal("slow.docx", Samples.docx("ssn " + SSN), noTime);
        assertTrue(reason.startsWith("too slow"), reason);
    }

    /** Raw text of a killed scanner does not stay on disk: the next start removes its spool. */
    @Test
    void spool_directories_of_dead_processes_are_removed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        long dead = ProcessHandle.current().pid() + 1_000_000; // beyond any pid in use here
        java.nio.file.Path left = java.nio.file.Files.createDirectories(tmp.resolve("s3-scanner-spool-" + dead));
        java.nio.file.Files.writeString(left.resolve("text-1.txt"), "ssn " + SSN);
        java.nio.file.Path alive = java.nio.file.Files.createDirectories(tmp.resolve("s3-scanner-spool-" + ProcessHandle.current().pid()));

        Spool.removeLeftovers(tmp);

        assertTrue(!java.nio.file.Files.exists(left), "the dead process's text is gone");
        assertTrue(java.nio.file.Files.isDirectory(alive), "a running process keeps its own");
        String mode = java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(Spool.directory()));
        assertEquals("rwx------", mode);
        scan("letter.docx", Samples.docx("ssn " + SSN));
        try (var files = java.nio.file.Files.list(Spool.directory())) {
            assertEquals(0, files.count(), "each spooled text is deleted once scanned");
        }
    }

    @Test
    void an_object_larger_than_its_limit_is_refused_once_the_limit_is_read() throws Exception {
        byte[] text = CSV.repeat(1000).getBytes();
        int[] read = {0};
        java.io.InputStream counted = new java.io.FilterInputStream(new ByteArrayInputStream(text)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                read[0] += Math.max(n, 0);
                return n;
            }
        };
        UnsupportedContentException e = assertThrows(UnsupportedContentException.class,
                () -> new ContentExtractor(ContentExtractor.Limits.DEFAULT).extract("grown.csv", counted, 1000,
                        (t, location) -> TEXT.scan(t, location, new Findings(10))));
        assertTrue(e.getMessage().startsWith("too large"), e.getMessage());
        assertTrue(read[0] < 100_000, "stopped soon after the limit, not at the end: " + read[0] + " of " + text.length);
        assertEquals(1, scan("fits.csv", CSV.getBytes()).size());
    }

    /** Each format's magic number decides, not the name. */
    @Test
    void formats_are_told_by_content() throws IOException {
        assertEquals(Format.ZIP, Format.of(Samples.zip(entries("a.txt", "x")), "a.docx.bak"));
        assertEquals(Format.DOCUMENT, Format.of(Samples.docx("x"), "upload"));
        assertEquals(Format.DOCUMENT, Format.of(Samples.odt("x"), "upload"));
        assertEquals(Format.TAR, Format.of(Samples.tar(entries("a.txt", "x")), "a"));
        assertEquals(Format.TEXT, Format.of("MZ 1000 notes and more text".getBytes(), "notes"));
        assertEquals(Map.of(), Map.of());
    }
}
