package scanner.recall;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Sensitive values as they are really written, each valid by its own rules (a card's Luhn digit,
 * an IBAN's mod-97, a phone number a numbering plan allows), in the shapes people and systems use;
 * and everyday values that look a little like them (ids, amounts, dates, versions, addresses).
 * Written from the detectors' public definitions (CONTRACT.md), not from their code.
 */
final class Values {

    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String ALNUM = UPPER + "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String BASE32 = UPPER + "234567";
    private static final String HEX = "0123456789abcdef";
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final List<String> FIRST = List.of("Liam", "Olivia", "Noah", "Emma", "Mateo", "Aisha", "Chen", "Sofia",
            "Lucas", "Priya", "Jonas", "Fatima", "Kenji", "Amara", "Diego", "Ingrid", "Tomasz", "Chloe", "Omar", "Hannah");
    private static final List<String> LAST = List.of("O'Brien", "Garcia", "Nakamura", "Schmidt", "Okafor", "Rossi", "Dubois",
            "Kowalski", "Silva", "Patel", "Johansson", "Nguyen", "Murphy", "Haddad", "Fischer", "Moreau", "Lee", "Costa");
    private static final List<String> DOMAINS = List.of("acme-corp.com", "globex.io", "initech.co.uk", "mail.umbrella.org",
            "hooli.de", "example-shop.fr", "stark-industries.net", "cyberdyne.ai", "wayne.enterprises", "gmail.com");
    private static final List<String> REGIONS = List.of("GB", "DE", "FR", "ES", "AU", "IN", "JP", "BR", "NL", "IT", "MX", "ZA");

    final Random r;

    Values(long seed) {
        this.r = new Random(seed);
    }

    String pick(List<String> from) {
        return from.get(r.nextInt(from.size()));
    }

    String chars(String alphabet, int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    String digits(int n) {
        return chars("0123456789", n);
    }

    int between(int lo, int hi) {
        return lo + r.nextInt(hi - lo + 1);
    }

    String first() {
        return pick(FIRST);
    }

    String last() {
        return pick(LAST);
    }

    String name() {
        return first() + " " + last();
    }

    // ---- personal data

    String ssn() {
        int area;
        do {
            area = between(1, 899);
        } while (area == 666);
        return String.format("%03d-%02d-%04d", area, between(1, 99), between(1, 9999));
    }

    String email() {
        String local = switch (r.nextInt(5)) {
            case 0 -> first().toLowerCase() + "." + last().toLowerCase().replace("'", "");
            case 1 -> first().substring(0, 1).toLowerCase() + last().toLowerCase().replace("'", "") + between(1, 99);
            case 2 -> first().toLowerCase() + "+" + pick(List.of("billing", "news", "hr", "test"));
            case 3 -> first().toLowerCase() + "_" + last().toLowerCase().replace("'", "");
            default -> first().toLowerCase();
        };
        return local + "@" + pick(DOMAINS);
    }

    /** A card of a known issuer, Luhn-valid, written with spaces, dashes or nothing. */
    String card() {
        String number = switch (r.nextInt(4)) {
            case 0 -> luhn("4" + digits(14));
            case 1 -> luhn(between(51, 55) + digits(13));
            case 2 -> luhn((r.nextBoolean() ? "34" : "37") + digits(12));
            default -> luhn("6011" + digits(11));
        };
        int style = r.nextInt(3);
        if (style == 0) {
            return number;
        }
        String sep = style == 1 ? " " : "-";
        if (number.length() == 15) {
            return number.substring(0, 4) + sep + number.substring(4, 10) + sep + number.substring(10);
        }
        return number.substring(0, 4) + sep + number.substring(4, 8) + sep + number.substring(8, 12) + sep + number.substring(12);
    }

    private static String luhn(String partial) {
        int sum = 0;
        for (int i = 0; i < partial.length(); i++) {
            int d = partial.charAt(partial.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return partial + (10 - sum % 10) % 10;
    }

    /** A NANP or international number that its numbering plan allows, as people write it. */
    String phone() {
        if (r.nextInt(3) > 0) {
            String area;
            String exchange;
            String line;
            do {
                area = between(2, 9) + digits(2);
                exchange = between(2, 9) + digits(2);
                line = digits(4);
            } while (!valid("+1" + area + exchange + line));
            return switch (r.nextInt(6)) {
                case 0 -> "(" + area + ") " + exchange + "-" + line;
                case 1 -> area + "-" + exchange + "-" + line;
                case 2 -> area + "." + exchange + "." + line;
                case 3 -> "+1 " + area + " " + exchange + " " + line;
                case 4 -> "+1-" + area + "-" + exchange + "-" + line;
                default -> "+1" + area + exchange + line;
            };
        }
        String region = pick(REGIONS);
        Phonenumber.PhoneNumber example = r.nextBoolean()
                ? PHONES.getExampleNumberForType(region, PhoneNumberUtil.PhoneNumberType.MOBILE)
                : PHONES.getExampleNumberForType(region, PhoneNumberUtil.PhoneNumberType.FIXED_LINE);
        String national = String.valueOf(example.getNationalNumber());
        for (int attempt = 0; attempt < 100; attempt++) {
            String candidate = national.substring(0, national.length() - 4) + digits(4);
            Phonenumber.PhoneNumber number = new Phonenumber.PhoneNumber()
                    .setCountryCode(example.getCountryCode()).setNationalNumber(Long.parseLong(candidate));
            if (PHONES.isValidNumber(number)) {
                return r.nextBoolean() ? PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL)
                        : PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
            }
        }
        return PHONES.format(example, PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
    }

    private static boolean valid(String e164) {
        try {
            return PHONES.isValidNumber(PHONES.parse(e164, "US"));
        } catch (Exception e) {
            return false;
        }
    }

    /** An IBAN of one of several countries, check digits computed, compact or in groups of four. */
    String iban() {
        String bban = switch (r.nextInt(6)) {
            case 0 -> "DE" + digits(18);
            case 1 -> "GB" + chars(UPPER, 4) + digits(14);
            case 2 -> "FR" + digits(10) + chars(UPPER + "0123456789", 11) + digits(2);
            case 3 -> "ES" + digits(20);
            case 4 -> "NL" + chars(UPPER, 4) + digits(10);
            default -> "IT" + chars(UPPER, 1) + digits(10) + chars(UPPER + "0123456789", 12);
        };
        String country = bban.substring(0, 2);
        String rest = bban.substring(2);
        StringBuilder numeric = new StringBuilder();
        for (char c : (rest + country + "00").toCharArray()) {
            numeric.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        int check = 98 - new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue();
        String iban = country + String.format("%02d", check) + rest;
        if (r.nextBoolean()) {
            return iban;
        }
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < iban.length(); i += 4) {
            grouped.append(i == 0 ? "" : " ").append(iban, i, Math.min(iban.length(), i + 4));
        }
        return grouped.toString();
    }

    // ---- secrets

    String awsKeyId() {
        return (r.nextInt(4) == 0 ? "ASIA" : "AKIA") + chars(BASE32, 16);
    }

    String awsSecret() {
        String s;
        do {
            s = chars(ALNUM + "/+", 40);
        } while (!s.matches(".*[a-z].*") || !s.matches(".*[A-Z].*") || !s.matches(".*[0-9].*"));
        return s;
    }

    /** A PEM private key block; lines broken by {@code newline} (a real one, or the two characters \n). */
    String privateKey(String newline) {
        String label = pick(List.of("RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY"));
        byte[] der = new byte[label.startsWith("EC") ? 121 : between(600, 1200)];
        r.nextBytes(der);
        String body = Base64.getEncoder().encodeToString(der);
        StringBuilder pem = new StringBuilder("-----BEGIN " + label + "-----");
        for (int i = 0; i < body.length(); i += 64) {
            pem.append(newline).append(body, i, Math.min(body.length(), i + 64));
        }
        return pem.append(newline).append("-----END ").append(label).append("-----").toString();
    }

    String jwt() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = "{\"alg\":\"" + pick(List.of("HS256", "RS256", "ES256")) + "\",\"typ\":\"JWT\"}";
        String payload = "{\"sub\":\"" + between(1000, 99999) + "\",\"name\":\"" + first() + "\",\"iat\":" + (1_700_000_000 + r.nextInt(90_000_000)) + "}";
        byte[] signature = new byte[32];
        r.nextBytes(signature);
        return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(signature);
    }

    String github() {
        return r.nextInt(4) == 0 ? "github_pat_" + chars(ALNUM, 22) + "_" + chars(ALNUM, 59)
                : pick(List.of("ghp_", "gho_", "ghs_", "ghu_")) + chars(ALNUM, 36);
    }

    String slack() {
        return switch (r.nextInt(5)) {
            case 0 -> "xoxb-" + digits(11) + "-" + digits(13) + "-" + chars(ALNUM, 24);
            case 1 -> "xoxp-" + digits(12) + "-" + digits(12) + "-" + digits(13) + "-" + chars(HEX, 32);
            case 2 -> "xoxa-2-" + digits(12) + "-" + digits(12) + "-" + chars(HEX, 64);
            case 3 -> "xapp-1-A" + chars(UPPER + "0123456789", 10) + "-" + digits(13) + "-" + chars(HEX, 64);
            default -> "https://hooks.slack.com/services/T" + chars(UPPER + "0123456789", 10) + "/B"
                    + chars(UPPER + "0123456789", 10) + "/" + chars(ALNUM, 24);
        };
    }

    String stripe() {
        return (r.nextInt(4) == 0 ? "rk_live_" : "sk_live_") + chars(ALNUM, r.nextBoolean() ? 24 : 99);
    }

    String google() {
        return "AIza" + chars(ALNUM + "-_", 35);
    }

    // ---- everyday values that are none of the above

    String date() {
        return String.format("%d-%02d-%02d", between(2015, 2026), between(1, 12), between(1, 28));
    }

    String timestamp() {
        return date() + "T" + String.format("%02d:%02d:%02d.%03dZ", between(0, 23), between(0, 59), between(0, 59), between(0, 999));
    }

    String ip() {
        return between(10, 223) + "." + between(0, 255) + "." + between(0, 255) + "." + between(1, 254);
    }

    String uuid() {
        return new java.util.UUID(r.nextLong(), r.nextLong()).toString();
    }

    String amount() {
        return between(1, 250_000) + "." + digits(2);
    }

    String version() {
        return between(1, 12) + "." + between(0, 30) + "." + between(0, 200);
    }

    String sha() {
        return chars(HEX, 40);
    }

    String zip() {
        return digits(5);
    }

    /** An order or invoice number: bare digits, or dashed groups that are no phone number. */
    String orderNumber() {
        return r.nextBoolean() ? digits(between(6, 12)) : "ORD-" + digits(4) + "-" + digits(6);
    }
}
