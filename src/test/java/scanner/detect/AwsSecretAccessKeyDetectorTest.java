package scanner.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AwsSecretAccessKeyDetectorTest {

    private final Detector detector = new AwsSecretAccessKeyDetector();

    @Test
    void finds_a_secret_next_to_an_aws_context_word() {
        for (String template : new String[] {
            "aws_secret_access_key = %s",
            "AWS_SECRET_ACCESS_KEY=%s",
            "{\"SecretAccessKey\": \"%s\"}",
            "export AWS_SECRET=%s",
            "secret: %s",
        }) {
            String secret = Samples.awsSecret();
            String text = String.format(template, secret);
            var found = Samples.find(detector, text);
            assertEquals(1, found.size(), text);
            assertEquals(secret, text.substring(found.get(0).start(), found.get(0).end()));
            DetectorContract.assertMasked(secret, found.get(0).masked());
        }
    }

    @Test
    void ignores_forty_characters_without_context() {
        DetectorContract.assertIgnores(detector, "token " + Samples.awsSecret() + " in a text about nothing in particular");
    }

    @Test
    void ignores_a_context_word_too_far_away() {
        DetectorContract.assertIgnores(detector, "aws " + "x ".repeat(80) + Samples.awsSecret());
    }

    @Test
    void ignores_hex_digests_and_words_near_aws() {
        DetectorContract.assertIgnores(detector, "aws commit 3f786850e387550fdab836ed7e6dc881de23001b");
        DetectorContract.assertIgnores(detector, "secret AAAAAAAAAABBBBBBBBBBCCCCCCCCCCDDDDDDDDDD");
        DetectorContract.assertIgnores(detector, "aws key " + Samples.awsSecret() + "X"); // 41 characters
        // paths near a context word (a Java test log): 40 key characters, but words, not random ones
        DetectorContract.assertIgnores(detector, "Passed: sun/security/pkcs11/tls/TestMasterSecret.java Passed");
        DetectorContract.assertIgnores(detector, "Passed: sun/security/pkcs12/StoreTrustedCertTest.java");
    }

    @Test
    void keeps_only_the_last_four_characters() {
        String secret = Samples.awsSecret();
        String masked = Samples.find(detector, "aws_secret_access_key=" + secret).get(0).masked();
        assertTrue(masked.endsWith(secret.substring(36)));
        assertEquals("*".repeat(36), masked.substring(0, 36));
    }

    /** The last, shorter line of a wrapped base64 block near the word "secret" is not a key. */
    @org.junit.jupiter.api.Test
    void the_tail_of_a_wrapped_base64_block_is_not_a_key() {
        String line = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj";
        String tail = "OJ29Q7yi5Cq2Agqgxux13sPE95rQXm/uRTJVJhua";
        DetectorContract.assertIgnores(detector, "client_secret_cert = \"\"\"\n" + line + "\n" + line + "\n" + tail + "\n\"\"\"");
        DetectorContract.assertIgnores(detector, "secret blob:\n    " + line + "\n    " + tail + "\n");
        // the same value after its name is a key
        assertEquals(1, Samples.find(detector, line + "\naws_secret_access_key = " + tail).size());
    }

    /** About one random key in a thousand has no digit: right after its own name it is still found. */
    @org.junit.jupiter.api.Test
    void a_key_without_digits_is_found_after_its_name() {
        String key = "R+nTpAHhAxqGAgbrmAlYuvFSjA/qnZXjITvwWAgv";
        assertEquals(1, Samples.find(detector, "aws_secret_access_key = " + key).size());
        assertEquals(1, Samples.find(detector, "AWS_SECRET_ACCESS_KEY=" + key).size());
        DetectorContract.assertIgnores(detector, "the aws docs mention " + key + " somewhere");
    }

    @org.junit.jupiter.api.Test
    void the_context_word_must_stand_outside_the_run() {
        DetectorContract.assertIgnores(detector, "    checksum bJlbzjAWsT8+S3/GPHAE/Lze8/6F/YGmnEn+dh1b\n");
        // a named key whose characters happen to carry fewer bits than most
        assertEquals(1, Samples.find(detector, "export AWS_SECRET_ACCESS_KEY=0lBKzRmB9xi/gziUe4ii9BuiviyBxBY8ZevygRlI").size());
    }

    /** 40 characters between the dashes of a JWT's base64url signature, near "aws" in the next line. */
    @Test
    void a_piece_of_a_longer_base64url_token_is_not_a_key() {
        String jwt = "eyJ0eXAiOiJKV1QiLCJjdHkiOiJ0ZXh0In0.eyJzdWIiOiI2ODk4MDM4NDAiLCJuYW1lIjoiVmVyYSBWYXJnYSJ9"
                + ".LwfGHQvDHJtanQV-x6OSIHGl9TXLTQ8fHEK3a2dv8zPSu-pC0GTeq6F4ThUxj3TqNEXHUS3RVuIhCRPm46gH8Q";
        DetectorContract.assertIgnores(detector, "const serviceToken = '" + jwt + "';\nconst awsAccessKeyId = 'AKIAMXYVLCQ5YGXDSXSM';");
        // a 40-character segment between the dots of a JWT
        String segment = Samples.awsSecret().replace('+', 'x').replace('/', 'y');
        DetectorContract.assertIgnores(detector, "aws token eyJhbGciOiJIUzI1NiJ9." + segment + ".c2lnbmF0dXJl");
        // joined by an underscore on one side only
        DetectorContract.assertIgnores(detector, "aws session " + segment + "_Zm9vYmFy");
        // a key standing between other punctuation is still a key
        String key = Samples.awsSecret();
        assertEquals(1, Samples.find(detector, "aws_secret_access_key=" + key + ";").size());
        assertEquals(1, Samples.find(detector, "--aws-secret-access-key " + key).size());
        assertEquals(1, Samples.find(detector, "AWS secret: " + key + "-").size());
    }
}
