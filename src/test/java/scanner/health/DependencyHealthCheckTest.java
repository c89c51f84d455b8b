package scanner.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A flood of /health and probe requests asks each dependency once per period, not once per request. */
class DependencyHealthCheckTest {

    @Test
    void answers_are_reused_for_a_few_seconds_then_asked_again() {
        AtomicInteger asked = new AtomicInteger();
        AtomicLong now = new AtomicLong(1_000);
        String[] answer = {null};
        Dependency database = new Dependency() {
            @Override
            public String name() {
                return "database";
            }

            @Override
            public String problem() {
                asked.incrementAndGet();
                return answer[0];
            }
        };
        DependencyHealthCheck check = new DependencyHealthCheck(database, now::get);

        for (int i = 0; i < 10_000; i++) {
            assertNull(check.problem());
        }
        assertEquals(1, asked.get());

        answer[0] = "connection refused";
        now.addAndGet(DependencyHealthCheck.REUSE_NANOS - 1);
        assertNull(check.problem(), "still the last answer");
        now.addAndGet(1);
        assertEquals("connection refused", check.problem());
        assertEquals(2, asked.get());
    }
}
