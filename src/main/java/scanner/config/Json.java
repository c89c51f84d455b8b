package scanner.config;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one JSON mapper of the application, configured once: API bodies, SQS messages, Step Functions
 * inputs, stored scan options and settings all read and write JSON through it. An ObjectMapper is
 * thread-safe once configured, and costly to make.
 */
public final class Json {

    /** Unknown fields are kept out of records by their own annotations; nothing else is changed from Jackson's defaults. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }
}
