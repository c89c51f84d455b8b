package scanner.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AwsAccessKeyIdDetectorTest {

    private final Detector detector = new AwsAccessKeyIdDetector();

    @ParameterizedTest
    @ValueSource(strings = {"AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA", "AIPA", "ANPA", "ANVA", "APKA", "AROA"})
    void finds_every_key_id_prefix(String prefix) {
        DetectorContract.assertFinds(detector, prefix + Samples.base32(16));
    }

    @Test
    void finds_a_key_id_in_an_assignment() {
        String id = "AKIA" + Samples.base32(16);
        assertEquals(1, Samples.find(detector, "aws_access_key_id=" + id + "\n").size());
        assertEquals(1, Samples.find(detector, "\"AccessKeyId\": \"" + id + "\"").size());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "AKIA1234567890123456",   // 0, 1, 8, 9 are not base32
        "AKIAABCDEFGHIJKLMNO",    // 15 characters after the prefix
        "AKIAABCDEFGHIJKLMNOPQ",  // 17 characters after the prefix
        "XAKIAABCDEFGHIJKLMNOP",  // inside a longer token
        "akiaabcdefghijklmnop",   // lower case
        "AXXAABCDEFGHIJKLMNOP",   // unknown prefix
    })
    void ignores_lookalikes(String text) {
        DetectorContract.assertIgnores(detector, text);
    }

    @Test
    void keeps_four_characters_at_each_end() {
        assertEquals("AKIA************MPLE", DetectorContract.assertFinds(detector, "AKIAIOSFODNN7EXAMPLE").masked());
    }
}
