package scanner.formats;

import java.util.Locale;

/** What an object (or an entry) holds, told from its first bytes and, for zip documents, its name. */
enum Format {
    GZIP("gzip"),
    ZIP("zip archive"),
    TAR("tar archive"),
    /** Office Open XML, OpenDocument, PDF, legacy Office (OLE2, also encrypted OOXML). */
    DOCUMENT("document"),
    TEXT("text"),
    SEVEN_ZIP("7z archive"),
    RAR("RAR archive"),
    BZIP2("bzip2"),
    XZ("xz"),
    ZSTD("zstd"),
    IMAGE("image"),
    EXECUTABLE("executable");

    final String description;

    Format(String description) {
        this.description = description;
    }

    /** Names of a zip's first entry that make it a document rather than an archive. */
    private static final String[] DOCUMENT_PARTS = {"[Content_Types].xml", "mimetype", "_rels/", "docProps/", "word/", "xl/", "ppt/"};
    private static final String[] DOCUMENT_SUFFIXES = {".docx", ".docm", ".dotx", ".xlsx", ".xlsm", ".xltx", ".pptx", ".pptm",
            ".potx", ".odt", ".ods", ".odp", ".odg", ".ott", ".ots", ".otp"};

    static Format of(byte[] head, String path) {
        if (startsWith(head, 0x1f, 0x8b)) {
            return GZIP;
        }
        if (startsWith(head, 'P', 'K', 3, 4) || startsWith(head, 'P', 'K', 5, 6) || startsWith(head, 'P', 'K', 7, 8)) {
            return isZipDocument(head, path) ? DOCUMENT : ZIP;
        }
        if (startsWith(head, '%', 'P', 'D', 'F', '-')
                || startsWith(head, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) {
            return DOCUMENT;
        }
        if (head.length >= 262 && head[257] == 'u' && head[258] == 's' && head[259] == 't' && head[260] == 'a'
                && head[261] == 'r') {
            return TAR;
        }
        if (startsWith(head, '7', 'z', 0xbc, 0xaf, 0x27, 0x1c)) {
            return SEVEN_ZIP;
        }
        if (startsWith(head, 'R', 'a', 'r', '!', 0x1a, 0x07)) {
            return RAR;
        }
        if (startsWith(head, 'B', 'Z', 'h')) {
            return BZIP2;
        }
        if (startsWith(head, 0xfd, '7', 'z', 'X', 'Z', 0)) {
            return XZ;
        }
        if (startsWith(head, 0x28, 0xb5, 0x2f, 0xfd)) {
            return ZSTD;
        }
        if (startsWith(head, 0x89, 'P', 'N', 'G') || startsWith(head, 0xff, 0xd8, 0xff) || startsWith(head, 'G', 'I', 'F', '8')) {
            return IMAGE;
        }
        if (startsWith(head, 0x7f, 'E', 'L', 'F') || startsWith(head, 'M', 'Z') && head.length > 64 && !isMostlyText(head)
                || startsWith(head, 0xca, 0xfe, 0xba, 0xbe)) {
            return EXECUTABLE;
        }
        return TEXT; // the text scanner refuses what turns out to be other binary content
    }

    private static boolean isZipDocument(byte[] head, String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        for (String suffix : DOCUMENT_SUFFIXES) {
            if (lower.endsWith(suffix)) {
                return true;
            }
        }
        // The local header of the first entry: its name starts at byte 30.
        if (head.length < 30) {
            return false;
        }
        int nameLength = (head[26] & 0xff) | (head[27] & 0xff) << 8;
        int end = Math.min(head.length, 30 + nameLength);
        String first = new String(head, 30, Math.max(0, end - 30), java.nio.charset.StandardCharsets.ISO_8859_1);
        for (String part : DOCUMENT_PARTS) {
            if (first.equals(part) || part.endsWith("/") && first.startsWith(part)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isMostlyText(byte[] head) {
        int control = 0;
        for (byte b : head) {
            int c = b & 0xff;
            if (c == 0 || c < 0x09) {
                control++;
            }
        }
        return control * 20 < head.length;
    }

    private static boolean startsWith(byte[] head, int... bytes) {
        if (head.length < bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if ((head[i] & 0xff) != bytes[i]) {
                return false;
            }
        }
        return true;
    }
}
