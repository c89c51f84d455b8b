package scanner.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsSsnDetectorTest {

    private final Detector detector = new UsSsnDetector();

    @ParameterizedTest
    @ValueSource(strings = {"123-45-6780", "001-01-0001", "665 12 3456", "899.99.9998", "234-56-7890"})
    void finds_valid_numbers(String ssn) {
        DetectorContract.assertFinds(detector, ssn);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "000-12-3456",   // area 000
        "666-12-3456",   // area 666
        "900-12-3456",   // area 9xx
        "987-65-4321",   // area 9xx
        "123-00-4567",   // group 00
        "123-45-0000",   // serial 0000
        "111-11-1111",   // one digit repeated
        "078-05-1120",   // the Woolworth wallet number
        "123-45-6789",   // the well-known example
        "219-09-9999",   // printed on the Social Security Administration's own sample card
        "123-45 6780",   // mixed separators
        "1234-56-7890",  // too many digits
        "v123-45-6780",  // part of a word
        "123-45-67801",  // part of a longer number
        "2023-01-15",    // a date
        "1.123.45.6780", // part of a dotted sequence
    })
    void ignores_invalid_or_lookalike_numbers(String text) {
        DetectorContract.assertIgnores(detector, text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"123-45-6780", "123 45 6780", "123.45.6780"})
    void keeps_only_the_last_four_digits(String ssn) {
        String masked = DetectorContract.assertFinds(detector, ssn).masked();

        assertEquals(ssn.replaceAll("\\d(?=.*\\d{4}$)", "*").substring(0, 7) + "6780", masked);
    }
}
