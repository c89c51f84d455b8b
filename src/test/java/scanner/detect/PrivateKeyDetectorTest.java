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
}
