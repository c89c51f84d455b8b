package scanner.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumberDetectorTest {

    private final Detector detector = new PhoneNumberDetector();

    @ParameterizedTest
    @ValueSource(strings = {"(202) 456-1111", "202-456-1111", "202.456.1111", "+1 202 456 1111", "+1-202-456-1111",
            "+44 20 7946 0958", "+33 1 42 68 53 00", "+49 30 901820", "+81 3-3581-3111", "1-202-456-1111"})
    void finds_international_and_nanp_numbers(String phone) {
        DetectorContract.assertFinds(detector, phone);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2026-11-23 10:00:00",       // a date and a time
        "2026-11-23",                // a date
        "23/11/2026 1030",           // a European date
        "192.168.100.200",           // an IP address
        "10.0.0.1",
        "version 1.22.333.4444",     // a version string
        "10:00:01.123",              // a time
        "1732356000000",             // an epoch timestamp (bare digits)
        "2024110512345678",          // a long id
        "order 202-456-1111-99",     // part of a longer identifier
        "sku12024561111",            // glued to a word
        "(000) 000-0000",            // not a valid number
        "123 456 789",               // too few digits, no country code
    })
    void ignores_what_is_not_a_phone_number(String text) {
        DetectorContract.assertIgnores(detector, text);
    }

    @Test
    void keeps_only_the_last_two_digits() {
        assertEquals("(***) ***-**11", DetectorContract.assertFinds(detector, "(202) 456-1111").masked());
    }
}
