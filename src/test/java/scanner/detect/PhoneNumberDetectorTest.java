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
        // Seen in real public text (Python sources, Debian changelogs and copyright files):
        "x = 512/(5401-512)",        // arithmetic
        "quantize(Decimal('+35236450.6'), x)", // a decimal
        "HP part no 33471-90901, Hewlett-Packard", // a part number
        "Allocate gid 64040-64044 (grsec)", // a range
        "failed tests: 571 612 1056  TESTDONE", // a list of numbers grouped like NANP
        "Clause 252.227-7013 (c) (1) of DFARs", // a legal clause
        "abseil (20220623.1-1+deb12u2) bookworm", // a package version
        "argon2 (0~20171227-0.3) unstable", // a package version
        "(23241.11 0.07%) -> (21795.19 0.07%)", // measurements
        "9.0.0001  Travis CI is no longer used   7187  9.0.0002", // a table of patches
        "points=\"1040,277.764 1035,267.764 1040,270.264\"", // coordinates
        "<Buffer ab 90 78 56 34 12>", // bytes
        "20180127 6.1 release for upload", // a date and a version
        "modified test (2147483648 is not representable", // a bare number in parentheses
        "555 123 4567 and 555 123 4568", // blank-grouped, no phone word
        "1 2 202-456-1111",          // in a list of numbers
        "hotel:202-456-1111",        // "tel" inside a word is no link
        "202-456-1111xyz",           // glued to a word, not an extension
        "202-456-1111x1234567",      // too long for an extension: an identifier
        "id 2024561111x42",          // bare digits stay ambiguous with or without an extension
    })
    void ignores_what_is_not_a_phone_number(String text) {
        DetectorContract.assertIgnores(detector, text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"phone (412) 268-4387", "fax: (412) 268-7395", "call (617) 542-5942 for details",
            "Voice: (301) 373-9600 #", "Phone: 608-262-6966.", "Tel. 202 456 1111", "- 202-456-1111",
            "+44 (0)20 7946 0958", "+1 (202) 456-1111",
            // links that dial it, and extensions
            "<a href=\"tel:+1-202-456-1111\">call</a>", "tel:+442079460958", "SMS:+1 202 456 1111",
            "202-456-1111x123", "(202) 456-1111 x12", "202.456.1111 ext. 42", "+44 20 7946 0958 ext 7"})
    void finds_numbers_written_as_people_write_them(String text) {
        org.junit.jupiter.api.Assertions.assertEquals(1, Samples.find(detector, text).size(), text);
    }

    /** Exports put a phone column between numeric ones: the comma or tab is a field boundary, not a list. */
    @ParameterizedTest
    @ValueSource(strings = {
            "1003,\"Liam O'Brien\",x@example.net,+61 2 9487 8792,471-59-9288,2022-01-09,remote",
            "1004,Ana,+34 91 486 41 80,4,2021-03-01",
            "17,(510) 722-7468,42,0.5",
            "312-494-2753,1999,active",
            "id\tname\tphone\tage\n1\tZoe\t312-494-2753\t37",
            "1\t+14155550132\t2",
            "88;+49 30 901820;12",
            "{\"id\":7,\"phone\":\"+1-202-456-1111\",\"n\":3}",
            "INSERT INTO people VALUES (12,'Kim','(202) 456-1111',3);",
            "  <supportPhone>+44 20 3105 7792</supportPhone>",
            "<phone type=\"work\">718-847-6897</phone>",
            "<td>+1 (202) 456-1111</td>",
            "1006,Hiro,+33 6 92 90 74 38,2020-03-08"})
    void finds_a_phone_column_beside_numeric_columns(String row) {
        org.junit.jupiter.api.Assertions.assertEquals(1, Samples.find(detector, row).size(), row);
    }

    @Test
    void keeps_only_the_last_two_digits() {
        assertEquals("(***) ***-**11", DetectorContract.assertFinds(detector, "(202) 456-1111").masked());
    }
}
