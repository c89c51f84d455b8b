package scanner.aws;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageVisibilityTest {

    @ParameterizedTest
    @CsvSource({"1, 2, 5", "2, 5, 10", "3, 10, 20", "4, 20, 40", "5, 30, 60", "50, 30, 60"})
    void a_failed_message_returns_after_a_growing_delay_with_jitter(int receiveCount, int min, int max) {
        for (int i = 0; i < 200; i++) {
            int delay = MessageVisibility.delaySeconds(receiveCount);
            assertTrue(delay >= min && delay <= max, receiveCount + " -> " + delay);
        }
    }
}
