package scanner.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The optional API key: when configured, every call but GET /health must carry
 * {@code Authorization: Bearer <key>}. Compared in constant time, so the answer's timing tells
 * nothing about how much of a guess was right.
 */
public class ApiKey {

    private final byte[] key;

    /** @param key the key, or blank to leave the API open */
    public ApiKey(String key) {
        this.key = key == null || key.isBlank() ? null : key.getBytes(StandardCharsets.UTF_8);
    }

    public void require(String authorization) {
        if (key == null) {
            return;
        }
        String presented = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : "";
        if (!MessageDigest.isEqual(key, presented.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(401, "unauthorized", "Send the API key as 'Authorization: Bearer <key>'");
        }
    }
}
