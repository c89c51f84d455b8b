package scanner.formats;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Archives and documents built in memory, holding planted values. */
public final class Samples {

    public static final String SSN = "219-09-9991";
    public static final String EMAIL = "jane.roe@example.org";
    public static final String AWS_KEY_ID = "AKIAQ2XZ7NDOEXAMPLE7";

    private Samples() {
    }

    public static Map<String, byte[]> entries(Object... nameThenContent) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < nameThenContent.length; i += 2) {
            Object content = nameThenContent[i + 1];
            entries.put((String) nameThenContent[i],
                    content instanceof byte[] bytes ? bytes : ((String) content).getBytes(StandardCharsets.UTF_8));
        }
        return entries;
    }

    public static byte[] zip(Map<String, byte[]> entries) throws IOException {
        return zip(entries, false);
    }

    /**
     * @param encryptedFlag marks each entry as encrypted, as a password-protected zip does (the
     *                      flag in the local and central headers: what a scanner must see)
     */
    public static byte[] zip(Map<String, byte[]> entries, boolean encryptedFlag) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putArchiveEntry(new ZipArchiveEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeArchiveEntry();
            }
        }
        byte[] bytes = out.toByteArray();
        if (encryptedFlag) {
            for (int i = 0; i + 4 <= bytes.length; i++) {
                if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 3 && bytes[i + 3] == 4) {
                    bytes[i + 6] |= 1; // local file header: general purpose flag
                } else if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 1 && bytes[i + 3] == 2) {
                    bytes[i + 8] |= 1; // central directory header
                }
            }
        }
        return bytes;
    }

    public static byte[] tar(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(e.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    public static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        }
        return out.toByteArray();
    }

    public static byte[] docx(String... paragraphs) throws IOException {
        try (org.apache.poi.xwpf.usermodel.XWPFDocument doc = new org.apache.poi.xwpf.usermodel.XWPFDocument()) {
            for (String p : paragraphs) {
                doc.createParagraph().createRun().setText(p);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.write(out);
            return out.toByteArray();
        }
    }

    public static byte[] xlsx(String[][] rows) throws IOException {
        return workbook(new org.apache.poi.xssf.usermodel.XSSFWorkbook(), rows);
    }

    /** A workbook of two sheets, each with its name and rows. */
    public static byte[] xlsx(String firstName, String[][] first, String secondName, String[][] second) throws IOException {
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook()) {
            fill(book.createSheet(firstName), first);
            fill(book.createSheet(secondName), second);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            book.write(out);
            return out.toByteArray();
        }
    }

    private static void fill(org.apache.poi.ss.usermodel.Sheet sheet, String[][] rows) {
        for (int r = 0; r < rows.length; r++) {
            var row = sheet.createRow(r);
            for (int c = 0; c < rows[r].length; c++) {
                row.createCell(c).setCellValue(rows[r][c]);
            }
        }
    }

    /** A legacy Excel 97-2003 workbook (OLE2). */
    public static byte[] xls(String[][] rows) throws IOException {
        return workbook(new org.apache.poi.hssf.usermodel.HSSFWorkbook(), rows);
    }

    /** One sheet, "Customers", holding {@code rows}; the workbook's own format. */
    private static byte[] workbook(org.apache.poi.ss.usermodel.Workbook book, String[][] rows) throws IOException {
        try (book) {
            fill(book.createSheet("Customers"), rows);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            book.write(out);
            return out.toByteArray();
        }
    }

    /** A legacy PowerPoint 97-2003 presentation (OLE2). */
    public static byte[] ppt(String... text) throws IOException {
        return slideShow(new org.apache.poi.hslf.usermodel.HSLFSlideShow(), text);
    }

    public static byte[] pptx(String... text) throws IOException {
        return slideShow(new org.apache.poi.xslf.usermodel.XMLSlideShow(), text);
    }

    /** A slide per text, each with one text box holding it; the slide show's own format. */
    private static byte[] slideShow(org.apache.poi.sl.usermodel.SlideShow<?, ?> show, String... slides) throws IOException {
        try (show) {
            for (String text : slides) {
                var box = show.createSlide().createTextBox();
                box.setAnchor(new java.awt.geom.Rectangle2D.Double(50, 50, 400, 100));
                box.setText(text);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            show.write(out);
            return out.toByteArray();
        }
    }

    /** An OpenDocument text: "mimetype" stored first, then content.xml and the manifest. */
    public static byte[] odt(String paragraph) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
            byte[] mimetype = "application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII);
            ZipArchiveEntry first = new ZipArchiveEntry("mimetype");
            first.setMethod(ZipArchiveEntry.STORED);
            first.setSize(mimetype.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(mimetype);
            first.setCrc(crc.getValue());
            zip.putArchiveEntry(first);
            zip.write(mimetype);
            zip.closeArchiveEntry();
            put(zip, "content.xml", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
                        xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
                      <office:body><office:text><text:p>%s</text:p></office:text></office:body>
                    </office:document-content>""".formatted(paragraph));
            put(zip, "META-INF/manifest.xml", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
                      <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
                      <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
                    </manifest:manifest>""");
        }
        return out.toByteArray();
    }

    private static void put(ZipArchiveOutputStream zip, String name, String content) throws IOException {
        zip.putArchiveEntry(new ZipArchiveEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeArchiveEntry();
    }

    public static byte[] pdf(String text, String userPassword) throws IOException {
        try (org.apache.pdfbox.pdmodel.PDDocument doc = new org.apache.pdfbox.pdmodel.PDDocument()) {
            org.apache.pdfbox.pdmodel.PDPage page = new org.apache.pdfbox.pdmodel.PDPage();
            doc.addPage(page);
            try (var content = new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, page)) {
                content.beginText();
                content.setFont(new org.apache.pdfbox.pdmodel.font.PDType1Font(
                        org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(50, 700);
                content.showText(text);
                content.endText();
            }
            if (userPassword != null) {
                var policy = new org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy("owner-" + userPassword,
                        userPassword, new org.apache.pdfbox.pdmodel.encryption.AccessPermission());
                policy.setEncryptionKeyLength(128);
                doc.protect(policy);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    /** A docx encrypted with a password, as Office saves it (an OLE2 container). */
    public static byte[] encryptedDocx(String text) throws Exception {
        byte[] plain = docx(text);
        var info = new org.apache.poi.poifs.crypt.EncryptionInfo(org.apache.poi.poifs.crypt.EncryptionMode.agile);
        var encryptor = info.getEncryptor();
        encryptor.confirmPassword("secret");
        try (var fs = new org.apache.poi.poifs.filesystem.POIFSFileSystem()) {
            try (var opc = org.apache.poi.openxml4j.opc.OPCPackage.open(new java.io.ByteArrayInputStream(plain));
                 var os = encryptor.getDataStream(fs)) {
                opc.save(os);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            fs.writeFilesystem(out);
            return out.toByteArray();
        }
    }
}
