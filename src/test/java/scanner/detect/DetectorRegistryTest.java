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
        List<Detector> all = DetectorRegistry.all();
        Set<String> ids = new HashSet<>();
        for (Detector d : all) {
            assertTrue(ids.add(d.id()), "duplicate id " + d.id());
        }
    }

    @Test
    void the_first_set_is_registered() {
        Set<String> ids = new HashSet<>();
        DetectorRegistry.all().forEach(d -> ids.add(d.id()));

        assertEquals(Set.of("US_SSN", "CREDIT_CARD", "EMAIL_ADDRESS", "AWS_ACCESS_KEY_ID"), ids);
    }
}
