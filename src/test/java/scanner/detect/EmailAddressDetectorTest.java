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
        scanner.detect.engine.EngineSearch.findAll(new scanner.detect.engine.DetectionEngine(java.util.List.of(counting), AllowList.EMPTY),
                "plain text with no address at all, only words");

        assertEquals(0, counting.calls.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a-b.example.com", "-a.example.com", "a-.example.com", "example.c0m", "x.y", "x.yz", "a..b.com",
            "example.com.", ".example.com", "e.abcdefghijklmnopqrstuvwxy", "e.abcdefghijklmnopqrstuvwx"})
    void the_domain_check_agrees_with_the_documented_pattern(String domain) {
        String address = "someone@" + domain;
        var text = new scanner.detect.engine.Latin1Text(address.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, address.length());
        assertEquals(EmailAddressDetector.ADDRESS.matcher(address).matches(), EmailAddressDetector.isDomain(text, 8, address.length()), domain);
    }

    @Test
    void the_domain_check_agrees_with_the_documented_pattern_on_random_hosts() {
        var random = new java.util.Random(12);
        String alphabet = "ab9-.";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder domain = new StringBuilder();
            for (int i = random.nextInt(12); i >= 0; i--) {
                domain.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            the_domain_check_agrees_with_the_documented_pattern(domain.toString());
        }
        the_domain_check_agrees_with_the_documented_pattern("a" + "b".repeat(62) + ".com");
        the_domain_check_agrees_with_the_documented_pattern("a" + "b".repeat(63) + ".com");
    }
}
