package scanner.formats;

import java.io.IOException;

/**
 * Reading the object's own bytes from where they are stored failed (a reset, a timeout, an SDK
 * client error while streaming): the transport's fault, so the scan is worth trying again. Any
 * other complaint raised while decoding (a decompressor's, a parser's) is the content's fault.
 */
public final class TransportException extends IOException {

    TransportException(Throwable cause) {
        super("reading the object failed: " + cause.getClass().getSimpleName(), cause);
    }
}
