package dev.ticketsmith.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** "Did you mean" hints. */
class SuggestionsTest {

    private static final List<String> ENVIRONMENTS = List.of("staging", "production", "sandbox");

    @Test
    void suggestsPrefixesAndNearMisses() {
        assertEquals(Optional.of("production"), Suggestions.closest("prod", ENVIRONMENTS));
        assertEquals(Optional.of("staging"), Suggestions.closest("stagin", ENVIRONMENTS));
        assertEquals(Optional.of("sandbox"), Suggestions.closest("Sandbox", ENVIRONMENTS));
        assertEquals(Optional.of("approvers"), Suggestions.closest("aprovers", List.of("approvals", "approvers")));
    }

    @Test
    void staysQuietWhenNothingIsClose() {
        assertEquals(Optional.empty(), Suggestions.closest("qa", ENVIRONMENTS));
        assertEquals(Optional.empty(), Suggestions.closest("development", ENVIRONMENTS));
        assertEquals("", Suggestions.hint("qa", ENVIRONMENTS));
    }
}
