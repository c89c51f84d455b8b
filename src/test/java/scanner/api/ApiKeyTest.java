package scanner.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.camel.util.SensitiveUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeyTest {

    private final ApiKey key = new ApiKey("k3y-" + java.util.UUID.randomUUID());

    @Test
    void without_a_key_the_api_is_open() {
        assertDoesNotThrow(() -> new ApiKey("").require(null));
    }

    @Test
    void the_right_bearer_key_passes() {
        String value = keyValue();
        assertDoesNotThrow(() -> key.require("Bearer " + value));
        assertDoesNotThrow(() -> key.require("bearer " + value));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "Bearer", "Bearer ", "Bearer wrong", "Basic dXNlcjpwYXNz"})
    void anything_else_is_a_401(String authorization) {
        ApiException e = assertThrows(ApiException.class, () -> key.require(authorization));
        assertEquals(401, e.status());
        assertEquals("unauthorized", e.code());
    }

    @Test
    void camel_masks_the_key_in_its_start_up_summary() {
        assertTrue(SensitiveUtils.containsSensitive("scanner.apikey"));
    }

    private String keyValue() {
        try {
            var field = ApiKey.class.getDeclaredField("key");
            field.setAccessible(true);
            return new String((byte[]) field.get(key), java.nio.charset.StandardCharsets.UTF_8);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
