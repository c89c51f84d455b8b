package scanner.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorTest {

    private final UUID job = UUID.randomUUID();

    @Test
    void a_cursor_round_trips_and_absent_means_the_first_page() {
        assertEquals(12345L, Cursor.decode(Cursor.encode("findings", job, 12345L), "findings", job));
        assertEquals(0L, Cursor.decode(null, "findings", job));
        assertEquals(0L, Cursor.decode("", "findings", job));
    }

    @Test
    void a_cursor_of_another_job_or_listing_is_refused() {
        String cursor = Cursor.encode("findings", job, 7);

        assertEquals("invalid_cursor", assertThrows(ApiException.class,
                () -> Cursor.decode(cursor, "findings", UUID.randomUUID())).code());
        assertEquals("invalid_cursor", assertThrows(ApiException.class,
                () -> Cursor.decode(cursor, "objects", job)).code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"!!!", "bm90IGEgY3Vyc29y", "djF8ZmluZGluZ3M", "' OR 1=1 --"})
    void a_forged_cursor_is_refused(String cursor) {
        assertEquals(400, assertThrows(ApiException.class, () -> Cursor.decode(cursor, "findings", job)).status());
    }

    @Test
    void a_negative_position_is_refused() {
        String forged = Base64.getUrlEncoder().encodeToString(("v1|findings|" + job + "|-5").getBytes());
        assertThrows(ApiException.class, () -> Cursor.decode(forged, "findings", job));
    }
}
