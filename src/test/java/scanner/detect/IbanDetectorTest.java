package scanner.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class IbanDetectorTest {

    private final Detector detector = new IbanDetector();

    static Stream<String> ibans() {
        return Stream.of("DE", "GB", "FR", "IT", "ES", "NL", "BE", "CH", "NO", "PL").map(Samples::iban);
    }

    @ParameterizedTest
    @MethodSource("ibans")
    void finds_ibans_compact_and_in_groups_of_four(String iban) {
        DetectorContract.assertFinds(detector, iban);
        DetectorContract.assertFinds(detector, grouped(iban));
    }

    @Test
    void finds_a_bban_with_letters() {
        DetectorContract.assertFinds(detector, "GB82 WEST 1234 5698 7654 32");
    }

    @ParameterizedTest
    @MethodSource("ibans")
    void ignores_wrong_check_digits(String iban) {
        String wrong = iban.substring(0, 2) + String.format("%02d", (Integer.parseInt(iban.substring(2, 4)) + 1) % 100)
                + iban.substring(4);
        DetectorContract.assertIgnores(detector, "account " + wrong + " end");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "DE89 3704 0044 0532 0130 0",  // one digit short for Germany
        "DE8937040044053201300012",    // two digits too many
        "ZZ89370400440532013000",      // no such country
        "XDE89370400440532013000",     // glued to a word
        "de89370400440532013000",      // lower case
    })
    void ignores_lookalikes(String text) {
        DetectorContract.assertIgnores(detector, text);
    }

    @Test
    void keeps_the_country_and_the_last_four_characters() {
        assertEquals("DE****************3000", DetectorContract.assertFinds(detector, "DE89370400440532013000").masked());
    }

    private static String grouped(String iban) {
        return iban.replaceAll("(.{4})(?!$)", "$1 ");
    }
}
