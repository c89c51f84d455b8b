package scanner.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import scanner.config.ConfigurationException;

/**
 * Who may call the API: every call but GET /health must carry {@code Authorization: Bearer <key>}
 * (never a query parameter, which ends up in access logs and browser history). Admin keys may do
 * everything; read keys only read (GET): they cannot start, abort, redrive or delete. Several keys
 * of each kind may be valid at once, so a key can be rotated without downtime. Compared in
 * constant time, so an answer's timing tells nothing about how much of a guess was right.
 */
public class ApiKey {

    /** What a presented key may do. */
    public enum Access { READ, ADMIN }

    private record Key(byte[] secret, Access access) {
    }

    private final List<Key> keys;

    /** @param key one admin key, or blank to leave the API open */
    public ApiKey(String key) {
        this(split(key), List.of());
    }

    public ApiKey(List<String> adminKeys, List<String> readKeys) {
        List<Key> all = new ArrayList<>();
        adminKeys.forEach(k -> all.add(new Key(k.getBytes(StandardCharsets.UTF_8), Access.ADMIN)));
        readKeys.forEach(k -> all.add(new Key(k.getBytes(StandardCharsets.UTF_8), Access.READ)));
        this.keys = List.copyOf(all);
    }

    /**
     * The keys of the settings: comma-separated admin and read keys, and a file of
     * {@code admin <key>} / {@code read <key>} lines. A key file that cannot be read, or a line
     * of another shape, stops start-up with a message naming it.
     */
    public static ApiKey of(String adminKeys, String readKeys, String keysFile) {
        List<String> admin = new ArrayList<>(split(adminKeys));
        List<String> read = new ArrayList<>(split(readKeys));
        if (keysFile != null && !keysFile.isBlank()) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of(keysFile), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ConfigurationException("SCANNER_API_KEYS_FILE " + keysFile + " cannot be read: " + e.getMessage());
            }
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\s+");
                if (parts.length != 2 || !(parts[0].equals("admin") || parts[0].equals("read"))) {
                    throw new ConfigurationException("SCANNER_API_KEYS_FILE " + keysFile + " line " + (i + 1)
                            + " is not 'admin <key>' or 'read <key>'");
                }
                (parts[0].equals("admin") ? admin : read).add(parts[1]);
            }
        }
        for (String key : concat(admin, read)) {
            if (key.length() < 16) {
                throw new ConfigurationException("API keys are at least 16 characters; one configured key is shorter");
            }
        }
        return new ApiKey(admin, read);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static List<String> split(String keys) {
        List<String> list = new ArrayList<>();
        if (keys != null) {
            for (String key : keys.split(",")) {
                if (!key.isBlank()) {
                    list.add(key.strip());
                }
            }
        }
        return list;
    }

    /** No key configured: every caller is let in (local mode only, or SCANNER_API_AUTH=none). */
    public boolean isOpen() {
        return keys.isEmpty();
    }

    /** Checks a call that only reads. */
    public void require(String authorization) {
        require(authorization, "GET");
    }

    /** Checks a call: a valid key, and an admin key for anything but reading (GET, HEAD). */
    public void require(String authorization, String method) {
        if (keys.isEmpty()) {
            return;
        }
        String presented = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : "";
        byte[] bytes = presented.getBytes(StandardCharsets.UTF_8);
        Access access = null;
        for (Key key : keys) {
            // every key compared, whichever matches, so timing does not tell which kinds exist
            if (MessageDigest.isEqual(key.secret(), bytes) && access != Access.ADMIN) {
                access = key.access();
            }
        }
        if (access == null) {
            throw new ApiException(401, "unauthorized", "Send the API key as 'Authorization: Bearer <key>'");
        }
        String verb = method == null ? "GET" : method.toUpperCase(Locale.ROOT);
        if (access == Access.READ && !verb.equals("GET") && !verb.equals("HEAD")) {
            throw new ApiException(403, "forbidden", "This API key may only read; starting, aborting, redriving and "
                    + "deleting need an admin key");
        }
    }
}
