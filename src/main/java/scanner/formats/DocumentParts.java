package scanner.formats;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.tika.sax.ToTextContentHandler;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;

/**
 * A document's text as Tika writes it, cut into the parts a person opens: a workbook's sheets
 * ({@code <div class="sheet"><h1>Sheet1</h1>}; "page" for legacy .xls) and a presentation's slides
 * ({@code <div class="slide-content">}, the slide's notes following it). Each part is remembered
 * by its byte range in the spooled text, so findings can name "report.xlsx!Sheet1" or
 * "deck.pptx!slide 2". A document with neither (a PDF, a letter) is one part without a name.
 */
final class DocumentParts extends ToTextContentHandler {

    /** One part: its name (null for the document's own text) and its bytes in the spool. */
    record Part(String name, long from, long to) {
    }

    private final CountingOutput counted;
    private final Writer writer;
    private final long maxChars;
    private final List<Part> parts = new ArrayList<>();
    private String current;
    private long currentFrom;
    private int slides;
    private boolean sheetHeading;
    private boolean awaitingSheetName;
    private final StringBuilder sheetName = new StringBuilder();
    private long chars;

    private final java.time.Duration maxTime;
    private final long deadline;

    private DocumentParts(CountingOutput counted, Writer writer, long maxChars, java.time.Duration maxTime) {
        super(writer);
        this.counted = counted;
        this.writer = writer;
        this.maxChars = maxChars;
        this.maxTime = maxTime;
        this.deadline = System.nanoTime() + maxTime.toNanos();
    }

    /**
     * A handler writing UTF-8 text to {@code spool}, refusing more than {@code maxChars} characters
     * and a parse that is still producing text after {@code maxTime}.
     */
    static DocumentParts writingTo(OutputStream spool, long maxChars, java.time.Duration maxTime) {
        CountingOutput counted = new CountingOutput(spool);
        return new DocumentParts(counted, new OutputStreamWriter(counted, StandardCharsets.UTF_8), maxChars, maxTime);
    }

    private void checkTime() throws SAXException {
        if (System.nanoTime() - deadline > 0) {
            throw new SAXException(new Budget.Refused("too slow: extracting the document's text took more than "
                    + maxTime.toSeconds() + " s"));
        }
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        checkTime();
        String klass = atts.getValue("class");
        if ("div".equals(localName) && ("sheet".equals(klass) || "page".equals(klass))) {
            awaitingSheetName = true;
        } else if ("h1".equals(localName) && awaitingSheetName) {
            sheetHeading = true;
            sheetName.setLength(0);
        } else if (awaitingSheetName) {
            awaitingSheetName = false; // a PDF's page: no heading right after it
        }
        if ("div".equals(localName) && "slide-content".equals(klass)) {
            startPart("slide " + ++slides);
        }
        super.startElement(uri, localName, qName, atts);
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        super.endElement(uri, localName, qName);
        if ("h1".equals(localName) && sheetHeading) {
            sheetHeading = false;
            awaitingSheetName = false;
            String name = sheetName.toString().strip();
            startPart(name.isEmpty() ? "sheet" : name);
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        if (sheetHeading) {
            sheetName.append(ch, start, length);
        }
        chars += length;
        checkTime();
        if (chars > maxChars) {
            throw new SAXException(new Budget.Refused("too much text: the document yields more than " + maxChars
                    + " characters, the limit is " + maxChars));
        }
        super.characters(ch, start, length);
    }

    private void startPart(String name) throws SAXException {
        long at = position();
        if (current != null || at > currentFrom) {
            parts.add(new Part(current, currentFrom, at));
        }
        current = name;
        currentFrom = at;
    }

    private long position() throws SAXException {
        try {
            writer.flush();
        } catch (IOException e) {
            throw new SAXException(e);
        }
        return counted.count;
    }

    /** The parts, once the document has been parsed. */
    List<Part> parts() throws SAXException {
        long at = position();
        List<Part> all = new ArrayList<>(parts);
        if (current != null || at > currentFrom || all.isEmpty()) {
            all.add(new Part(current, currentFrom, at));
        }
        return all;
    }

    private static final class CountingOutput extends java.io.FilterOutputStream {
        long count;

        CountingOutput(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
