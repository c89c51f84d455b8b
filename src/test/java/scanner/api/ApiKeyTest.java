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

    private final String value = "k3y-" + java.util.UUID.randomUUID();
    private final ApiKey key = new ApiKey(value);

    @Test
    void without_a_key_the_api_is_open() {
        assertDoesNotThrow(() -> new ApiKey("").require(null));
        assertTrue(ApiKey.of("", "", "").isOpen());
    }

    @Test
    void the_right_bearer_key_passes() {
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
    void a_read_key_reads_and_an_admin_key_does_everything() {
        ApiKey keys = ApiKey.of("admin-key-0000000001,admin-key-0000000002", "read-key-00000000001", "");
        for (String method : new String[] {"GET", "HEAD", "POST", "DELETE"}) {
            assertDoesNotThrow(() -> keys.require("Bearer admin-key-0000000001", method));
            assertDoesNotThrow(() -> keys.require("Bearer admin-key-0000000002", method));
        }
        assertDoesNotThrow(() -> keys.require("Bearer read-key-00000000001", "GET"));
        for (String method : new String[] {"POST", "DELETE", "PUT"}) {
            ApiException e = assertThrows(ApiException.class, () -> keys.require("Bearer read-key-00000000001", method));
            assertEquals(403, e.status());
            assertEquals("forbidden", e.code());
        }
    }

    @Test
    void keys_come_from_a_file_and_a_bad_file_stops_start_up(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("keys"),
                "# rotated monthly\nadmin from-file-admin-0001\n\nread from-file-read-00001\n");
        ApiKey keys = ApiKey.of("", "", file.toString());
        assertDoesNotThrow(() -> keys.require("Bearer from-file-admin-0001", "POST"));
        assertEquals(403, assertThrows(ApiException.class, () -> keys.require("Bearer from-file-read-00001", "POST")).status());

        java.nio.file.Files.writeString(file, "owner some-key-000000000001\n");
        String message = assertThrows(scanner.config.ConfigurationException.class, () -> ApiKey.of("", "", file.toString())).getMessage();
        assertTrue(message.contains("line 1"), message);
        assertThrows(scanner.config.ConfigurationException.class, () -> ApiKey.of("", "", dir.resolve("missing").toString()));
        assertThrows(scanner.config.ConfigurationException.class, () -> ApiKey.of("short", "", ""));
    }

    @Test
    void camel_masks_the_key_in_its_start_up_summary() {
        assertTrue(SensitiveUtils.containsSensitive("scanner.apikey"));
    }
}
