package scanner.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.Properties;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

/** The shipped log layout: a user-supplied value cannot forge a log line or carry terminal escapes. */
class LogLayoutTest {

    private static String format(String message) throws Exception {
        Properties config = new Properties();
        try (InputStream in = LogLayoutTest.class.getResourceAsStream("/log4j2.properties")) {
            config.load(in);
        }
        PatternLayout layout = PatternLayout.newBuilder().withPattern(config.getProperty("appender.out.layout.pattern")).build();
        return layout.toSerializable(Log4jLogEvent.newBuilder().setLoggerName("routes.scan").setLevel(Level.INFO)
                .setMessage(new SimpleMessage(message)).build());
    }

    @Test
    void line_breaks_and_control_characters_in_values_are_escaped() throws Exception {
        String line = format("Scan 1 of s3://b/logs/\r\n12:00:00.000 INFO  [main] s.Admin - granted\u001b[2J accepted");

        assertEquals(1, line.split("\n", -1).length - 1, "one line, ended by the layout's own newline: " + line);
        assertTrue(line.contains("logs/\\r\\n12:00:00.000"), line);
        assertFalse(line.contains("\u001b"), "no escape character reaches the terminal: " + line);
        assertTrue(line.contains("\uFFFD[2J"), line);
        assertTrue(format("tab\tkept").contains("tab\tkept"));
    }
}
