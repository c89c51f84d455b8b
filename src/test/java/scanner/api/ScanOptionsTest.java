package scanner.api;

import scanner.jobs.Glob;

import scanner.jobs.ScanOptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ScanOptionsTest {

    private final ApiRequests requests = new ApiRequests(new ObjectMapper(), 50L << 20);

    @ParameterizedTest
    @CsvSource({
        "*.csv, a.csv, true", "*.csv, dir/a.csv, false", "**/*.csv, dir/sub/a.csv, true", "**.csv, dir/a.csv, true",
        "logs/*, logs/a.log, true", "logs/*, logs/x/a.log, false", "logs/**, logs/x/a.log, true",
        "a?c.txt, abc.txt, true", "a?c.txt, a/c.txt, false", "data[1].txt, data[1].txt, true", "data[1].txt, data1.txt, false",
    })
    void globs_match_keys(String glob, String key, boolean matches) {
        assertEquals(matches, ScanOptions.matches(glob, key));
    }

    /** "**?" thirty times then "Z" backtracked for ever in a regular expression; here it is a few thousand steps. */
    @Test
    void a_hostile_glob_on_long_keys_answers_at_once() {
        String hostile = "**?".repeat(30) + "Z";
        List<String> keys = List.of("a".repeat(40), "a/".repeat(20), "x".repeat(1024), "a".repeat(1023) + "Z");
        List<Boolean> answers = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(2),
                () -> keys.stream().map(k -> ScanOptions.matches(hostile, k)).toList());
        assertEquals(List.of(false, false, false, true), answers);
    }

    /** The matcher against the plain regular-expression reading of the same glob, on random globs and keys. */
    @Test
    void the_linear_matcher_agrees_with_the_regular_expression_reading() {
        java.util.Random random = new java.util.Random(5);
        String alphabet = "ab/.*?";
        for (int i = 0; i < 20_000; i++) {
            String glob = random(random, alphabet, 1 + random.nextInt(8));
            String key = random(random, "ab/.", random.nextInt(10));
            assertEquals(regex(glob).matcher(key).matches(), Glob.compile(glob).matches(key), glob + " on " + key);
        }
    }

    private static String random(java.util.Random random, String alphabet, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /** The documented meaning: ** any run, * a run without '/', ? one character but '/'. */
    private static java.util.regex.Pattern regex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        return java.util.regex.Pattern.compile(regex.toString(), java.util.regex.Pattern.DOTALL);
    }

    @Test
    void include_exclude_extensions_and_time_select_objects() {
        ScanOptions options = requests.scanRequest("""
                {"bucket": "demo", "include": ["logs/**"], "exclude": ["**/tmp/**"], "extensions": [".LOG", "txt"],
                 "modified_after": "2025-01-01T00:00:00Z"}""").options();
        Instant recent = Instant.parse("2025-06-01T00:00:00Z");

        assertTrue(options.accepts("logs/app/a.log", recent));
        assertTrue(options.accepts("logs/b.TXT", recent));
        assertFalse(options.accepts("other/a.log", recent));          // not included
        assertFalse(options.accepts("logs/tmp/a.log", recent));       // excluded
        assertFalse(options.accepts("logs/a.csv", recent));           // extension
        assertFalse(options.accepts("logs/noextension", recent));
        assertFalse(options.accepts("logs/a.log", Instant.parse("2024-12-31T23:59:59Z"))); // too old
    }

    @Test
    void no_options_take_everything() {
        ScanOptions options = requests.scanRequest("{\"bucket\": \"demo\"}").options();
        assertTrue(options.isEmpty());
        assertTrue(options.accepts("any/key.bin", Instant.EPOCH));
    }

    @Test
    void a_scan_size_limit_is_read_and_bounded_by_the_server() {
        assertEquals(10L << 20, requests.scanRequest("{\"bucket\": \"demo\", \"max_object_size\": \"10MB\"}").options().maxObjectSize());
        assertEquals(1000L, requests.scanRequest("{\"bucket\": \"demo\", \"max_object_size\": 1000}").options().maxObjectSize());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"bucket": "demo", "include": "logs/*"}             | invalid_include
            {"bucket": "demo", "include": [1]}                  | invalid_include
            {"bucket": "demo", "exclude": [""]}                 | invalid_exclude
            {"bucket": "demo", "extensions": ["tar.gz"]}        | invalid_extensions
            {"bucket": "demo", "max_object_size": "1TB"}        | invalid_max_object_size
            {"bucket": "demo", "max_object_size": -5}           | invalid_max_object_size
            {"bucket": "demo", "max_object_size": "lots"}       | invalid_max_object_size
            {"bucket": "demo", "modified_after": "yesterday"}   | invalid_modified_after
            {"bucket": "demo", "modified_after": 1700000000}    | invalid_modified_after
            """)
    void bad_options_are_a_400_naming_the_field(String body, String code) {
        ApiException e = assertThrows(ApiException.class, () -> requests.scanRequest(body));
        assertEquals(400, e.status());
        assertEquals(code, e.code());
    }

    @Test
    void too_many_patterns_are_refused() {
        String many = String.join(",", java.util.Collections.nCopies(101, "\"a\""));
        assertEquals("invalid_include",
                assertThrows(ApiException.class, () -> requests.scanRequest("{\"bucket\":\"demo\",\"include\":[" + many + "]}")).code());
        assertEquals(List.of(), ScanOptions.NONE.include());
    }
}
