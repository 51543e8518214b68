package dev.ticketsmith.ops.promote;

import dev.ticketsmith.kube.PodRun;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The provenance guardrail's evidence and verdicts, and how the image to release is chosen from pods. */
class ProvenanceTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final String A = "sha256:" + "a1".repeat(32);
    private static final String B = "sha256:" + "b2".repeat(32);

    private static PodRun pod(String name, String image, String digest, boolean ready, int restarts, Duration ago) {
        return new PodRun(name, image, Optional.ofNullable(digest), ready, restarts, Optional.of(NOW.minus(ago)));
    }

    @Test
    void acceptsAnImageHealthyLongEnough() {
        Provenance p = Provenance.of("staging", A, List.of(pod("a", "r/search:2", A, true, 0, Duration.ofHours(3)),
                pod("b", "r/search:2", A, true, 0, Duration.ofMinutes(5)), pod("c", "r/search:1", B, false, 4, Duration.ofDays(2))));
        assertEquals(2, p.pods());
        assertEquals(Duration.ofHours(3), p.ranFor(NOW), "the earliest pod running it counts");
        assertTrue(p.refusal(Duration.ofHours(1), NOW).isEmpty());
        assertTrue(p.line(NOW).contains("since 2026-12-02 09:00 UTC (3h 0m): 2/2 pods ready, 0 restarts"), p.line(NOW));
    }

    @Test
    void refusesTooYoungRestartingNotReadyOrAbsent() {
        List<PodRun> young = List.of(pod("a", "r/search:2", A, true, 0, Duration.ofMinutes(10)));
        assertTrue(Provenance.of("staging", A, young).refusal(Duration.ofHours(1), NOW).orElseThrow().contains("for 10m, less than the 60m required"));
        List<PodRun> restarting = List.of(pod("a", "r/search:2", A, true, 2, Duration.ofHours(5)));
        assertTrue(Provenance.of("staging", A, restarting).refusal(Duration.ofHours(1), NOW).orElseThrow().contains("2 restarts"));
        List<PodRun> unready = List.of(pod("a", "r/search:2", A, true, 0, Duration.ofHours(5)), pod("b", "r/search:2", A, false, 0, Duration.ofHours(5)));
        assertTrue(Provenance.of("staging", A, unready).refusal(Duration.ofHours(1), NOW).orElseThrow().contains("1/2 pods ready"));
        assertTrue(Provenance.of("staging", B, young).refusal(Duration.ZERO, NOW).orElseThrow().contains("does not run in staging"));
    }

    @Test
    void upstreamIsTheOneDigestEveryPodRunsPinnedWithItsTag() {
        var pick = PipelineSourceStep.upstream("staging", List.of(pod("a", "reg/search:2.0.0", A, true, 0, Duration.ofHours(1)),
                pod("b", "reg/search:2.0.0@" + B, A, true, 0, Duration.ofHours(1))));
        assertEquals("reg/search:2.0.0@" + A, pick.orElseThrow().image(), "the digest the pods pulled, not the one written");
        assertTrue(PipelineSourceStep.upstream("staging", List.of(pod("a", "reg/search:2", A, true, 0, Duration.ofHours(1)),
                pod("b", "reg/search:1", B, true, 0, Duration.ofHours(1)))).isEmpty(), "mid-rollout: two digests");
        assertTrue(PipelineSourceStep.upstream("staging", List.of(pod("a", "reg/search:2", null, false, 0, Duration.ZERO))).isEmpty(),
                "no digest reported yet");
        assertTrue(PipelineSourceStep.upstream("staging", List.of()).isEmpty());
    }

    @Test
    void aVersionIsTheDigestItRunsAsUpstream() {
        List<PodRun> staging = List.of(pod("a", "reg/search:2.0.0", A, true, 0, Duration.ofHours(1)));
        assertEquals("reg/search:2.0.0@" + A, PipelineSourceStep.asRunIn("2.0.0", staging).orElseThrow().image());
        assertEquals("reg/search:2.0.0@" + A, PipelineSourceStep.asRunIn("reg/search:2.0.0", staging).orElseThrow().image());
        assertEquals(A, PipelineSourceStep.asRunIn("reg/search@" + A, staging).orElseThrow().digest());
        assertTrue(PipelineSourceStep.asRunIn("2.0.1", staging).isEmpty());
        assertTrue(PipelineSourceStep.asRunIn("reg/search@" + B, staging).isEmpty());
    }
}
