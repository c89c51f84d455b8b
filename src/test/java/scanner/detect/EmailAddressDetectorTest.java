package scanner.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressDetectorTest {

    private final Detector detector = new EmailAddressDetector();

    @ParameterizedTest
    @ValueSource(strings = {"john.doe@example.com", "a@b.io", "first+tag@mail.example.co.uk", "x_y-z%1@sub-domain.example.org"})
    void finds_addresses(String email) {
        DetectorContract.assertFinds(detector, email);
    }

    @ParameterizedTest
    @ValueSource(strings = {"user@localhost", "@example.com", "john..doe@example.com", "john@example", "git@github:org/repo",
            "name@example.c", "image@2x.png", "email at example dot com"})
    void ignores_what_is_not_an_address(String text) {
        DetectorContract.assertIgnores(detector, text);
    }

    @Test
    void keeps_the_first_letter_and_the_domain() {
        assertEquals("j***@example.com", DetectorContract.assertFinds(detector, "john.doe@example.com").masked());
    }

    @Test
    void the_pre_filter_skips_text_without_an_at_sign() {
        var counting = new DetectorContract.Counting(detector);
        new scanner.detect.engine.DetectionEngine(java.util.List.of(counting), AllowList.EMPTY)
                .findAll("plain text with no address at all, only words");

        assertEquals(0, counting.calls.get());
    }
}
