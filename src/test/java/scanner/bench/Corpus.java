package scanner.bench;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A realistic text corpus made on the fly: application logs, CSV exports, JSON documents and
 * prose, with a sensitive value every few kilobytes. Deterministic for a given seed.
 */
public final class Corpus {

    private static final String[] WORDS = ("the of and to in is was for on that with as by at from this be are have it "
            + "not or which an their were has been more one all would there can other its when who will than "
            + "customer order account payment shipping invoice request response service cluster node region "
            + "backup export report quarterly revenue forecast update deploy release version config").split(" ");
    private static final String[] LEVELS = {"INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR"};

    private Corpus() {
    }

    public static byte[] generate(int bytes, long seed) {
        Random r = new Random(seed);
        StringBuilder s = new StringBuilder(bytes + 4096);
        int nextFinding = 2000 + r.nextInt(2000);
        while (s.length() < bytes) {
            int block = r.nextInt(4);
            int before = s.length();
            switch (block) {
                case 0 -> logLines(s, r);
                case 1 -> csvRows(s, r);
                case 2 -> jsonDocument(s, r);
                default -> prose(s, r);
            }
            if (s.length() >= nextFinding) {
                finding(s, r);
                nextFinding = s.length() + 2000 + r.nextInt(3000); // a few per 10 KB
            }
            if (s.length() == before) {
                break;
            }
        }
        s.setLength(bytes);
        return s.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Random base64, as in attachments, certificates and data URLs: no findings, and no words to skip. */
    public static byte[] base64Blob(int bytes, long seed) {
        Random r = new Random(seed);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        byte[] blob = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            blob[i] = (byte) (i % 77 == 76 ? '\n' : alphabet.charAt(r.nextInt(64)));
        }
        return blob;
    }

    private static void logLines(StringBuilder s, Random r) {
        for (int i = 0; i < 8; i++) {
            s.append("2026-11-").append(10 + r.nextInt(19)).append('T').append(10 + r.nextInt(13)).append(':')
                    .append(10 + r.nextInt(49)).append(':').append(10 + r.nextInt(49)).append('.').append(100 + r.nextInt(899))
                    .append("Z ").append(LEVELS[r.nextInt(LEVELS.length)]).append(" [worker-").append(r.nextInt(16))
                    .append("] c.e.svc.").append(WORDS[r.nextInt(WORDS.length)]).append(" - request ")
                    .append(Long.toHexString(r.nextLong())).append(" took ").append(r.nextInt(900)).append(" ms, status ")
                    .append(200 + r.nextInt(3) * 100).append(", bytes ").append(r.nextInt(1 << 20)).append(" from 10.")
                    .append(r.nextInt(255)).append('.').append(r.nextInt(255)).append('.').append(r.nextInt(255)).append('\n');
        }
    }

    private static void csvRows(StringBuilder s, Random r) {
        s.append("id,created,name,amount,currency,status\n");
        for (int i = 0; i < 12; i++) {
            s.append(100000 + r.nextInt(900000)).append(",2026-0").append(1 + r.nextInt(9)).append("-1").append(r.nextInt(9))
                    .append(',').append(WORDS[r.nextInt(WORDS.length)]).append(' ').append(WORDS[r.nextInt(WORDS.length)])
                    .append(',').append(r.nextInt(100000)).append('.').append(10 + r.nextInt(89)).append(",EUR,")
                    .append(r.nextBoolean() ? "paid" : "open").append('\n');
        }
    }

    private static void jsonDocument(StringBuilder s, Random r) {
        s.append("{\"id\": \"").append(new java.util.UUID(r.nextLong(), r.nextLong())).append("\", \"type\": \"")
                .append(WORDS[r.nextInt(WORDS.length)]).append("\", \"count\": ").append(r.nextInt(10000))
                .append(", \"ratio\": 0.").append(r.nextInt(999)).append(", \"tags\": [\"").append(WORDS[r.nextInt(WORDS.length)])
                .append("\", \"").append(WORDS[r.nextInt(WORDS.length)]).append("\"], \"updated\": \"2026-11-23T10:")
                .append(10 + r.nextInt(49)).append(":00Z\", \"version\": \"1.").append(r.nextInt(20)).append('.')
                .append(r.nextInt(50)).append("\"}\n");
    }

    private static void prose(StringBuilder s, Random r) {
        for (int i = 0; i < 60; i++) {
            s.append(WORDS[r.nextInt(WORDS.length)]).append(i % 12 == 11 ? ". " : " ");
        }
        s.append('\n');
    }

    private static void finding(StringBuilder s, Random r) {
        switch (r.nextInt(8)) {
            case 0 -> s.append("customer ssn ").append(100 + r.nextInt(500)).append('-').append(10 + r.nextInt(89)).append('-')
                    .append(1000 + r.nextInt(8999)).append('\n');
            case 1 -> s.append("card 4111 1111 1111 1111 expires 12/29\n");
            case 2 -> s.append("contact: jane.").append(r.nextInt(999)).append("@example.org\n");
            case 3 -> s.append("call +44 20 7946 0").append(100 + r.nextInt(899)).append('\n');
            case 4 -> s.append("aws_access_key_id = AKIA").append(base32(r, 16)).append('\n');
            case 5 -> s.append("iban DE89 3704 0044 0532 0130 00\n");
            case 6 -> s.append("token ghp_").append(base62(r, 36)).append('\n');
            default -> s.append("aws_secret_access_key = ").append(base62(r, 38)).append("/+\n");
        }
    }

    private static String base32(Random r, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".charAt(r.nextInt(32)));
        }
        return b.toString();
    }

    private static String base62(Random r, int n) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
