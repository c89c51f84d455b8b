package scanner.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrivateKeyDetectorTest {

    private final Detector detector = new PrivateKeyDetector();

    @ParameterizedTest
    @ValueSource(strings = {"", "RSA", "EC", "DSA", "OPENSSH", "ENCRYPTED"})
    void finds_pem_private_key_blocks(String kind) {
        String key = Samples.privateKey(kind);
        var found = DetectorContract.assertFinds(detector, key);

        String label = kind.isEmpty() ? "PRIVATE KEY" : kind + " PRIVATE KEY";
        assertEquals("-----BEGIN " + label + "----- [redacted]", found.masked());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkq\n-----END PUBLIC KEY-----",
        "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+g\n-----END CERTIFICATE-----",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA (truncated, no END line)",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END EC PRIVATE KEY-----",
    })
    void ignores_public_material_and_fragments(String text) {
        DetectorContract.assertIgnores(detector, text);
    }

    /** The markers without a key between them: a PEM parser's source, documentation, a template. */
    @ParameterizedTest
    @ValueSource(strings = {
        "if line == '-----BEGIN RSA PRIVATE KEY-----':\n    in_key = True\nelif line == '-----END RSA PRIVATE KEY-----':",
        "BEGIN = \"-----BEGIN PRIVATE KEY-----\"\nEND = \"-----END PRIVATE KEY-----\"",
        "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----",
        "-----BEGIN EC PRIVATE KEY-----\n<your key here>\n-----END EC PRIVATE KEY-----",
        "-----BEGIN PRIVATE KEY-----\nMIIBVAIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----", // 32 characters: too short
        "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----",
    })
    void ignores_markers_without_a_key_between_them(String text) {
        DetectorContract.assertIgnores(detector, text);
    }

    @org.junit.jupiter.api.Test
    void finds_keys_escaped_in_json_and_encrypted_keys_with_their_headers() {
        String body = Samples.random(Samples.BASE62 + "+/", 64);
        DetectorContract.assertFinds(detector,
                "-----BEGIN PRIVATE KEY-----\\n" + body + "\\n" + body + "\\n-----END PRIVATE KEY-----");
        DetectorContract.assertFinds(detector, "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                + "DEK-Info: AES-128-CBC,3F17F5316E2BAC89\n\n" + body + "\n-----END RSA PRIVATE KEY-----");
        DetectorContract.assertFinds(detector, "-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\n\n"
                + body + "\n" + body + "\n=" + body.substring(0, 4) + "\n-----END PGP PRIVATE KEY BLOCK-----");
    }
}
