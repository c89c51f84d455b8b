package scanner.formats;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.io.input.BoundedInputStream;
import org.apache.commons.io.input.CloseShieldInputStream;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.BodyContentHandler;
import org.xml.sax.SAXException;
import scanner.config.Exceptions;
import scanner.formats.UnsupportedContentException;

/**
 * Finds the text in an object, whatever holds it: plain text goes straight to the sink; zip, tar
 * and gzip are streamed entry by entry (nested ones too); documents (Office Open XML,
 * OpenDocument, PDF, legacy Office) are turned into text by Apache Tika. Each piece of text
 * reaches the sink with its location: null for the object's own text, else the path down to it,
 * "exports.zip!/2024/customers.csv".
 *
 * <p>Memory stays bounded: archives are read as streams, a document's text is spooled to a
 * temporary file. Zip bombs are refused by depth, entry count and expansion ratio; encrypted
 * entries and documents fail with reason "encrypted"; binary formats we cannot read fail with
 * "unsupported format" as soon as their first bytes are seen.
 */
public final class ContentExtractor {

    /** Refusal thresholds; see application.properties. */
    public record Limits(int maxDepth, int maxEntries, int maxRatio, long maxDocumentChars, java.time.Duration maxDocumentTime) {
        public static final Limits DEFAULT = new Limits(6, 100_000, 100, 100_000_000, java.time.Duration.ofSeconds(60));

        public Limits(int maxDepth, int maxEntries, int maxRatio) {
            this(maxDepth, maxEntries, maxRatio, DEFAULT.maxDocumentChars, DEFAULT.maxDocumentTime);
        }

        public Limits(int maxDepth, int maxEntries, int maxRatio, long maxDocumentChars) {
            this(maxDepth, maxEntries, maxRatio, maxDocumentChars, DEFAULT.maxDocumentTime);
        }
    }

    /** Receives each piece of text; {@code location} is null for the object's own text. */
    @FunctionalInterface
    public interface TextSink {
        void text(InputStream text, String location) throws IOException, UnsupportedContentException;
    }

    private static final int HEAD = 1024;
    private static final String ARCHIVE_SEPARATOR = "!/";
    /** Between a document and one of its parts: "report.xlsx!Sheet1", "deck.pptx!slide 2". */
    private static final String PART_SEPARATOR = "!";

    private final Limits limits;
    private final Parser documents = new AutoDetectParser();

    public ContentExtractor(Limits limits) {
        this.limits = limits;
    }

    /** Sends every piece of text in {@code content} (the object {@code key}) to {@code sink}. */
    public void extract(String key, InputStream content, TextSink sink) throws IOException, UnsupportedContentException {
        extract(key, content, Long.MAX_VALUE, sink);
    }

    /**
     * As {@link #extract(String, InputStream, TextSink)}, refusing the object as too large once
     * more than {@code maxBytes} of it were read (it may have grown since it was listed). A failure
     * to read the content is a {@link TransportException}; content that cannot be decoded (corrupt
     * compression, a broken archive or document) is an {@link UnsupportedContentException}.
     */
    public void extract(String key, InputStream content, long maxBytes, TextSink sink)
            throws IOException, UnsupportedContentException {
        Budget budget = new Budget(limits, maxBytes);
        try {
            extract(key, true, budget.raw(Guards.transport(content)), 0, budget, sink);
        } catch (Budget.Refused | Guards.Corrupt e) {
            throw new UnsupportedContentException(e.getMessage(), e);
        }
    }

    private void extract(String path, boolean own, InputStream in, int depth, Budget budget, TextSink sink)
            throws IOException, UnsupportedContentException {
        BufferedInputStream content = new BufferedInputStream(in, 64 * 1024);
        content.mark(HEAD);
        byte[] head = content.readNBytes(HEAD);
        content.reset();
        Format format = Format.of(head, path);
        switch (format) {
            case GZIP -> {
                budget.enter(depth, path);
                // What the gzip holds is still the same file: same location ("logs.tar.gz!/app.log").
                InputStream inner = budget.expanded(Guards.decoded(gunzip(content, path), corrupt("gzip data", path, own)));
                extract(path, own, inner, depth + 1, budget, sink);
            }
            case ZIP -> zip(path, own, content, depth, budget, sink);
            case TAR -> tar(path, own, content, depth, budget, sink);
            case DOCUMENT -> document(path, own, content, depth, budget, sink);
            case TEXT -> sink.text(content, own ? null : path);
            default -> throw new UnsupportedContentException("unsupported format: " + format.description
                    + (own ? "" : " (" + path + ")"));
        }
    }

    private void zip(String path, boolean own, InputStream content, int depth, Budget budget, TextSink sink)
            throws IOException, UnsupportedContentException {
        budget.enter(depth, path);
        String corrupt = corrupt("zip archive", path, own);
        ZipArchiveInputStream zip = new ZipArchiveInputStream(content, StandardCharsets.UTF_8.name(), true, true);
        InputStream entryData = Guards.decoded(CloseShieldInputStream.wrap(zip), corrupt);
        ZipArchiveEntry entry;
        while ((entry = nextEntry(zip, corrupt)) != null) {
            if (entry.isDirectory()) {
                continue;
            }
            String entryPath = path + ARCHIVE_SEPARATOR + entry.getName();
            budget.entry(entryPath);
            if (entry.getGeneralPurposeBit().usesEncryption()) {
                throw new UnsupportedContentException("encrypted: " + entryPath + " is password-protected");
            }
            if (!zip.canReadEntryData(entry)) {
                throw new UnsupportedContentException("unsupported format: " + entryPath + " is compressed with "
                        + "method " + entry.getMethod() + ", which cannot be read");
            }
            extract(entryPath, false, budget.expanded(entryData), depth + 1, budget, sink);
        }
    }

    private void tar(String path, boolean own, InputStream content, int depth, Budget budget, TextSink sink)
            throws IOException, UnsupportedContentException {
        budget.enter(depth, path);
        String corrupt = corrupt("tar archive", path, own);
        TarArchiveInputStream tar = new TarArchiveInputStream(content);
        InputStream entryData = Guards.decoded(CloseShieldInputStream.wrap(tar), corrupt);
        TarArchiveEntry entry;
        while ((entry = nextEntry(tar, corrupt)) != null) {
            if (!entry.isFile()) {
                continue; // directories, links, devices
            }
            String entryPath = path + ARCHIVE_SEPARATOR + entry.getName();
            budget.entry(entryPath);
            extract(entryPath, false, entryData, depth + 1, budget, sink);
        }
    }

    /** The archive's next entry; a header that cannot be read is the archive's fault. */
    private static <E extends org.apache.commons.compress.archivers.ArchiveEntry> E nextEntry(
            org.apache.commons.compress.archivers.ArchiveInputStream<E> archive, String corrupt) throws IOException {
        try {
            return archive.getNextEntry();
        } catch (IOException | RuntimeException e) {
            throw Guards.classify(e, corrupt);
        }
    }

    /** "corrupt zip archive", with the entry's path when the archive is inside another one. */
    private static String corrupt(String what, String path, boolean own) {
        return "corrupt " + what + (own ? "" : " (" + path + ")");
    }

    /**
     * A document's text, by Tika, spooled to a temporary file and scanned from there: the
     * parsers need the whole document (a zip's central directory, a PDF's cross-references), and
     * the text of a large spreadsheet must not sit in memory. A workbook's sheets and a
     * presentation's slides are scanned as parts of their own ("report.xlsx!Sheet1",
     * "deck.pptx!slide 2"), so a finding names what a person opens.
     */
    private void document(String path, boolean own, InputStream content, int depth, Budget budget, TextSink sink)
            throws IOException, UnsupportedContentException {
        budget.enter(depth, path);
        Path text = Spool.newFile();
        try {
            Metadata metadata = new Metadata();
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName(path));
            ParseContext context = new ParseContext();
            context.set(Parser.class, documents); // embedded documents too (a sheet inside a docx)
            List<DocumentParts.Part> parts;
            try (OutputStream spool = new BufferedOutputStream(Files.newOutputStream(text));
                 InputStream document = CloseShieldInputStream.wrap(content)) {
                DocumentParts handler = DocumentParts.writingTo(spool, limits.maxDocumentChars(), limits.maxDocumentTime());
                documents.parse(document, new BodyContentHandler(handler), metadata, context);
                parts = handler.parts();
            } catch (EncryptedDocumentException e) {
                throw new UnsupportedContentException("encrypted: " + (own ? "the document" : path) + " is password-protected", e);
            } catch (TikaException | SAXException | IOException | RuntimeException e) {
                if (Exceptions.find(e, TransportException.class).isPresent()) {
                    throw Exceptions.find(e, TransportException.class).get();
                }
                throw unreadableDocument(path, own, e);
            }
            for (DocumentParts.Part part : parts) {
                String location = part.name() != null ? path + PART_SEPARATOR + part.name() : own ? null : path;
                try (InputStream in = Files.newInputStream(text)) {
                    in.skipNBytes(part.from());
                    sink.text(BoundedInputStream.builder().setInputStream(in).setMaxCount(part.to() - part.from()).get(), location);
                }
            }
        } finally {
            Files.deleteIfExists(text);
        }
    }

    private static UnsupportedContentException unreadableDocument(String path, boolean own, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Budget.Refused refused) {
                return new UnsupportedContentException(refused.getMessage(), e);
            }
            if (t instanceof EncryptedDocumentException || t instanceof org.apache.poi.EncryptedDocumentException) {
                return new UnsupportedContentException("encrypted: " + (own ? "the document" : path) + " is password-protected", e);
            }
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("zip bomb")) {
                return new UnsupportedContentException("zip bomb: " + (own ? "the document" : path)
                        + " expands too much", e);
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new UnsupportedContentException("cannot parse " + documentKind(path) + (own ? "" : " (" + path + ")")
                + Guards.detail(root), e);
    }

    /** What a person calls the document: "PDF", "XLSX", or "document" when its name says nothing. */
    private static String documentKind(String path) {
        String name = fileName(path);
        int dot = name.lastIndexOf('.');
        String suffix = dot < 0 ? "" : name.substring(dot + 1);
        return suffix.matches("[A-Za-z]{2,5}") ? suffix.toUpperCase(Locale.ROOT) : "document";
    }

    private static InputStream gunzip(InputStream content, String path) throws IOException {
        try {
            return GzipCompressorInputStream.builder().setInputStream(content).setDecompressConcatenated(true).get();
        } catch (IOException | RuntimeException e) {
            throw Guards.classify(e, "corrupt gzip data" + (path.contains(ARCHIVE_SEPARATOR) ? " (" + path + ")" : ""));
        }
    }

    private static String fileName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
