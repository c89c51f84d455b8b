package scanner.formats;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import scanner.config.Exceptions;

/**
 * Tells the transport's failures from the content's. The object's raw stream marks what it throws
 * as a {@link TransportException}; each decoder's stream turns anything else it throws into a
 * {@link Corrupt} naming the decoder. The innermost decoder that sees an error classifies it, so
 * a broken gzip inside a good zip reads "corrupt gzip data", and a reset connection under both
 * stays a transport error.
 */
final class Guards {

    private Guards() {
    }

    /** The content cannot be decoded: a permanent failure of the object, with this reason. */
    static final class Corrupt extends IOException {
        Corrupt(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /** The object's bytes as read from the store: every failure is the transport's. */
    static InputStream transport(InputStream raw) {
        return new Classified(raw, TransportException::new);
    }

    /** A decoder's output: what it throws of its own is the content's fault ({@code what}: "corrupt gzip data"). */
    static InputStream decoded(InputStream decoder, String what) {
        return new Classified(decoder, e -> classify(e, what));
    }

    /** A stream whose every failure is turned into the IOException {@code as} makes of it. */
    private static final class Classified extends FilterInputStream {
        private final java.util.function.Function<Exception, IOException> as;

        Classified(InputStream in, java.util.function.Function<Exception, IOException> as) {
            super(in);
            this.as = as;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException | RuntimeException e) {
                throw as.apply(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException | RuntimeException e) {
                throw as.apply(e);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return super.skip(n);
            } catch (IOException | RuntimeException e) {
                throw as.apply(e);
            }
        }
    }

    /**
     * An error met while decoding: a transport error, a refusal or an earlier classification
     * passes as it is; anything else becomes {@code what}, with the decoder's own words.
     */
    static IOException classify(Throwable e, String what) {
        for (Class<? extends IOException> known : java.util.List.of(TransportException.class, Corrupt.class, Budget.Refused.class)) {
            var found = Exceptions.find(e, known);
            if (found.isPresent()) {
                return found.get();
            }
        }
        return new Corrupt(what + detail(e), e);
    }

    /** The decoder's own words, short and on one line ("Gzip-compressed data is corrupt"), else its kind. */
    static String detail(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return " (" + e.getClass().getSimpleName() + ")";
        }
        String oneLine = message.replaceAll("\\p{Cntrl}+", " ").strip();
        if (oneLine.length() > 160) {
            oneLine = oneLine.substring(0, 160) + "…";
        }
        return ": " + oneLine;
    }
}
