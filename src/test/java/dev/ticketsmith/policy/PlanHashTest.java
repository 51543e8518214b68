package dev.ticketsmith.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The fingerprint of an approved plan. */
class PlanHashTest {

    private static final List<String> PLAN = List.of("canary 10% for 2m", "canary 100% for 2m");

    @Test
    void isStableAcrossRunsAndReleases() {
        // Computed independently (Python hashlib) from the documented encoding.
        assertEquals("52776616841eb3f1d6014efbc1d428c3d0b5eac8486bb5530f8256955dded610",
                PlanHash.of("checkout", "production", "sha256:abc", PLAN));
        assertEquals("ba23b79d00663a0bec85536907e77560744de3eb6631cc912b3cae0ee9c08e1c",
                PlanHash.of("checkout", "production", "sha256:abc", List.of()));
    }

    @Test
    void isSixtyFourLowerCaseHexDigits() {
        assertTrue(PlanHash.of("checkout", "staging", "1.2.3", PLAN).matches("[0-9a-f]{64}"));
    }

    @Test
    void fieldBoundariesMatter() {
        assertNotEquals(PlanHash.of("ab", "c", "x", PLAN), PlanHash.of("a", "bc", "x", PLAN));
        assertNotEquals(PlanHash.of("s", "e", "x", List.of("ab", "c")), PlanHash.of("s", "e", "x", List.of("a", "bc")));
        assertNotEquals(PlanHash.of("s", "e", "x", List.of()), PlanHash.of("s", "e", "x", List.of("")));
        assertNotEquals(PlanHash.of("s", "e", "x", List.of("y")), PlanHash.of("s", "e", "xy", List.of()));
    }

    @Test
    void everyPartCounts() {
        String base = PlanHash.of("checkout", "production", "sha256:abc", PLAN);

        assertNotEquals(base, PlanHash.of("catalog", "production", "sha256:abc", PLAN));
        assertNotEquals(base, PlanHash.of("checkout", "staging", "sha256:abc", PLAN));
        assertNotEquals(base, PlanHash.of("checkout", "production", "sha256:abd", PLAN));
        assertNotEquals(base, PlanHash.of("checkout", "production", "sha256:abc", List.of(PLAN.get(1), PLAN.get(0))));
    }
}
