package scanner.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DetectorRegistryTest {

    @Test
    void ids_are_unique() {
        List<Detector> all = DetectorRegistry.builtIn();
        Set<String> ids = new HashSet<>();
        for (Detector d : all) {
            assertTrue(ids.add(d.id()), "duplicate id " + d.id());
        }
    }

    @Test
    void every_detector_of_the_contract_is_registered() {
        Set<String> ids = new HashSet<>();
        DetectorRegistry.builtIn().forEach(d -> ids.add(d.id()));

        assertEquals(Set.of("US_SSN", "CREDIT_CARD", "EMAIL_ADDRESS", "PHONE_NUMBER", "IBAN", "AWS_ACCESS_KEY_ID",
                "AWS_SECRET_ACCESS_KEY", "PRIVATE_KEY", "JWT", "GITHUB_TOKEN", "SLACK_TOKEN", "STRIPE_KEY",
                "GOOGLE_API_KEY"), ids);
    }
}
