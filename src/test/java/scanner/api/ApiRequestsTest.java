package scanner.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiRequestsTest {

    private final ApiRequests requests = new ApiRequests(new ObjectMapper());

    @Test
    void a_scan_request_without_prefix_scans_the_whole_bucket() {
        assertEquals(new ScanRequest("my-bucket", ""), requests.scanRequest("{\"bucket\": \"my-bucket\"}"));
        assertEquals(new ScanRequest("my-bucket", "a/b/"),
                requests.scanRequest("{\"bucket\": \"my-bucket\", \"prefix\": \"a/b/\"}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ``                                   | invalid_json
            `{"bucket": `                        | invalid_json
            `[1, 2]`                             | invalid_json
            `"demo"`                             | invalid_json
            `{}`                                 | missing_bucket
            `{"bucket": null}`                   | missing_bucket
            `{"bucket": 42}`                     | invalid_bucket
            `{"bucket": "Bad_Bucket"}`           | invalid_bucket
            `{"bucket": "demo", "prefix": 7}`    | invalid_prefix
            """)
    void a_bad_scan_request_is_a_400_naming_the_problem(String body, String code) {
        ApiException e = assertThrows(ApiException.class, () -> requests.scanRequest(body));

        assertEquals(400, e.status());
        assertEquals(code, e.code());
    }

    @Test
    void a_prefix_over_1024_utf8_bytes_is_refused() {
        String ok = "é".repeat(512);          // 1024 bytes
        String tooLong = "é".repeat(512) + "a"; // 1025 bytes

        assertEquals(ok, requests.scanRequest("{\"bucket\":\"demo\",\"prefix\":\"" + ok + "\"}").prefix());
        ApiException e = assertThrows(ApiException.class,
                () -> requests.scanRequest("{\"bucket\":\"demo\",\"prefix\":\"" + tooLong + "\"}"));
        assertEquals("invalid_prefix", e.code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "my-bucket", "my.bucket.2024", "b-123456789012345678901234567890123456789012345678901234567890"})
    void valid_bucket_names(String name) {
        assertNull(ApiRequests.bucketNameProblem(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "Upper", "under_score", "-start", "end-", "a..b", "192.168.1.1", "xn--abc",
            "sthree-abc", "abc-s3alias", "abc--ol-s3", "has space", "ünï",
            "b-12345678901234567890123456789012345678901234567890123456789012"})
    void invalid_bucket_names(String name) {
        assertNotNull(ApiRequests.bucketNameProblem(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-uuid", "123", "6f1e2d3c-aaaa-bbbb-cccc-12345678901", "6f1e2d3c-aaaa-bbbb-cccc-1234567890123"})
    void a_malformed_job_id_is_a_400(String id) {
        assertEquals("invalid_job_id", assertThrows(ApiException.class, () -> requests.jobId(id)).code());
    }

    @ParameterizedTest
    @CsvSource({"true, true", "false, false", "TRUE, true"})
    void real_time_accepts_true_and_false(String text, boolean expected) {
        assertEquals(expected, requests.realTime(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "1", ""})
    void real_time_refuses_anything_else(String text) {
        assertEquals("invalid_real_time", assertThrows(ApiException.class, () -> requests.realTime(text)).code());
    }
}
