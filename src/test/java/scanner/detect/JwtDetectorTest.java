package scanner.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JwtDetectorTest {

    private final Detector detector = new JwtDetector();

    @Test
    void finds_tokens_whose_header_has_an_algorithm() {
        for (int i = 0; i < 5; i++) {
            DetectorContract.assertFinds(detector, Samples.jwt());
        }
        // An unsecured token: empty signature.
        DetectorContract.assertFinds(detector, Samples.base64Url("{\"alg\":\"none\"}") + "." + Samples.base64Url("{\"a\":1}") + ".");
    }

    @Test
    void the_mask_keeps_only_the_algorithm() {
        assertEquals("eyJ***.***.*** (alg HS256)", DetectorContract.assertFinds(detector, Samples.jwt()).masked());
    }

    @Test
    void ignores_lookalikes() {
        String payload = Samples.base64Url("{\"sub\":\"x\"}");
        DetectorContract.assertIgnores(detector, Samples.base64Url("{\"typ\":\"JWT\"}") + "." + payload + ".sig"); // no alg
        DetectorContract.assertIgnores(detector, Samples.base64Url("[\"alg\"]") + "." + payload + ".sig");        // not an object
        DetectorContract.assertIgnores(detector, "eyJhbGciOiJIUzI1NiJ9 alone");                                   // one segment
        DetectorContract.assertIgnores(detector, "eyJ!!notbase64." + payload + ".sig");
    }
}
