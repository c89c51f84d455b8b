package scanner.detect;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import scanner.detect.engine.Latin1Text;

/**
 * International bank account numbers: a country code, two check digits and a BBAN of the
 * country's length, written compact or in groups of four; ISO 7064 mod 97-10.
 */
public final class IbanDetector implements Detector {

    /** IBAN length per country (ISO 13616 registry). */
    static final Map<String, Integer> LENGTHS = Map.ofEntries(
            Map.entry("AD", 24), Map.entry("AE", 23), Map.entry("AL", 28), Map.entry("AT", 20), Map.entry("AZ", 28),
            Map.entry("BA", 20), Map.entry("BE", 16), Map.entry("BG", 22), Map.entry("BH", 22), Map.entry("BI", 27),
            Map.entry("BR", 29), Map.entry("BY", 28), Map.entry("CH", 21), Map.entry("CR", 22), Map.entry("CY", 28),
            Map.entry("CZ", 24), Map.entry("DE", 22), Map.entry("DJ", 27), Map.entry("DK", 18), Map.entry("DO", 28),
            Map.entry("EE", 20), Map.entry("EG", 29), Map.entry("ES", 24), Map.entry("FI", 18), Map.entry("FK", 18),
            Map.entry("FO", 18), Map.entry("FR", 27), Map.entry("GB", 22), Map.entry("GE", 22), Map.entry("GI", 23),
            Map.entry("GL", 18), Map.entry("GR", 27), Map.entry("GT", 28), Map.entry("HR", 21), Map.entry("HU", 28),
            Map.entry("IE", 22), Map.entry("IL", 23), Map.entry("IQ", 23), Map.entry("IS", 26), Map.entry("IT", 27),
            Map.entry("JO", 30), Map.entry("KW", 30), Map.entry("KZ", 20), Map.entry("LB", 28), Map.entry("LC", 32),
            Map.entry("LI", 21), Map.entry("LT", 20), Map.entry("LU", 20), Map.entry("LV", 21), Map.entry("LY", 25),
            Map.entry("MC", 27), Map.entry("MD", 24), Map.entry("ME", 22), Map.entry("MK", 19), Map.entry("MN", 20),
            Map.entry("MR", 27), Map.entry("MT", 31), Map.entry("MU", 30), Map.entry("NI", 28), Map.entry("NL", 18),
            Map.entry("NO", 15), Map.entry("OM", 23), Map.entry("PK", 24), Map.entry("PL", 28), Map.entry("PS", 29),
            Map.entry("PT", 25), Map.entry("QA", 29), Map.entry("RO", 24), Map.entry("RS", 22), Map.entry("RU", 33),
            Map.entry("SA", 24), Map.entry("SC", 31), Map.entry("SD", 18), Map.entry("SE", 24), Map.entry("SI", 19),
            Map.entry("SK", 24), Map.entry("SM", 27), Map.entry("SO", 23), Map.entry("ST", 25), Map.entry("SV", 28),
            Map.entry("TL", 23), Map.entry("TN", 24), Map.entry("TR", 26), Map.entry("UA", 29), Map.entry("VA", 22),
            Map.entry("VG", 24), Map.entry("XK", 20), Map.entry("YE", 30));

    private static final int MAX_LENGTH = 34 + 8;
    /** Compact, or grouped by four with single spaces. */
    private static final Pattern SHAPE =
            Pattern.compile("[A-Z]{2}[0-9]{2}(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,3})?)(?![A-Za-z0-9])");
    static final Pattern NAIVE = Pattern.compile("(?<![A-Za-z0-9])" + SHAPE.pattern());

    @Override
    public String id() {
        return "IBAN";
    }

    @Override
    public Trigger trigger() {
        return Trigger.COUNTRY_CODE;
    }

    @Override
    public java.util.Collection<String> countryCodes() {
        return LENGTHS.keySet();
    }

    @Override
    public int maxMatchLength() {
        return MAX_LENGTH;
    }


    @Override
    public void verify(Latin1Text text, int start, int end, MatchSink sink) {
        Integer length = LENGTHS.get(text.substring(start, start + 2));
        if (length == null) {
            return;
        }
        Matcher m = Regions.at(SHAPE, text, start, MAX_LENGTH);
        if (m == null) {
            return;
        }
        String raw = m.group();
        String compact = raw.replace(" ", "");
        if (compact.length() == length && mod97(compact) == 1) {
            sink.match(m.start(), m.end(), raw, Masking.keepEnds(compact, 2, 4));
        }
    }

    /** ISO 7064 mod 97-10 over the rearranged IBAN (letters as 10..35). */
    static int mod97(String iban) {
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        int remainder = 0;
        for (int i = 0; i < rearranged.length(); i++) {
            char c = rearranged.charAt(i);
            int value = c <= '9' ? c - '0' : c - 'A' + 10;
            remainder = value > 9 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
        }
        return remainder;
    }
}
