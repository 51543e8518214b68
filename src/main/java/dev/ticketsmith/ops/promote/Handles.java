package dev.ticketsmith.ops.promote;

/** Names of the handles a promotion records on its operation. */
public final class Handles {

    /** The stable image before the release: what finalise replaces and a rollback restores. */
    public static final String STABLE_IMAGE = "stable.image";
    /** The stable replica count when the release began. */
    static final String STABLE_REPLICAS = "stable.replicas";
    /** The image being released, resolved from what the user typed. */
    public static final String IMAGE = "release.image";
    /** The released image's manifest digest, when the registry gave it. */
    static final String DIGEST = "release.digest";
    /** Why the digest could not be resolved (the tag is released as typed). */
    public static final String DIGEST_UNRESOLVED = "release.digestUnresolved";
    /** The stable HPA's minReplicas before the release pinned it. */
    static final String HPA_MIN = "hpa.minReplicas";
    /** The stable HPA's maxReplicas before the release (routing by replica ratio holds it at the stable share). */
    static final String HPA_MAX = "hpa.maxReplicas";
    /** Set once the release holds the stable HPA through {@code HpaBounds} (its own bounds are kept there). */
    static final String HPA_HELD = "hpa.held";
    /** The weight in force and since when ({@code 25@2026-11-26T15:00:00Z}): where the hold counts from. */
    static final String WEIGHT_IN_FORCE = "traffic.inForce";
    /** Set once the first traffic step moves traffic: from then on a rollback restores the stable's size. */
    static final String TRAFFIC_SHIFTED = "traffic.shifted";
    /** The stable Service's selector before the release (JSON), given back when the canary is gone. */
    static final String STABLE_SELECTOR = "stable.selector";
    /**
     * The pod-template-hash of the stable ReplicaSet the stable Service is pinned to during the
     * release (empty when none was found: the selector is then left alone).
     */
    static final String STABLE_TEMPLATE_HASH = "stable.templateHash";
    /** When the canary was taken out of the router: its Service goes only after the grace. */
    static final String CANARY_DETACHED_AT = "canary.detachedAt";
    /** When the canary Deployment was deleted: the stable selector comes back once its pods are gone. */
    static final String CANARY_DELETED_AT = "canary.deletedAt";
    /** The image chosen upstream ({@code pipeline.source}): what the pipeline's previous environment runs, pinned by digest. */
    public static final String SOURCE_IMAGE = "source.image";
    /** Where the released digest has run, since when and how healthy (one line for people). */
    public static final String PROVENANCE = "source.provenance";
    /** Why the provenance guardrail would have refused, when an approver's {@code --force} waived it. */
    public static final String PROVENANCE_WAIVED = "source.provenanceWaived";
    /** Smoke-test attempts made so far. */
    static final String SMOKE_ATTEMPTS = "smoke.attempts";

    private Handles() {
    }
}
