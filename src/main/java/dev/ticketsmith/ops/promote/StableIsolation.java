package dev.ticketsmith.ops.promote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketsmith.kube.CanaryWorkloads;
import dev.ticketsmith.kube.StableSelectors;
import dev.ticketsmith.kube.WorkloadException;
import dev.ticketsmith.ops.engine.StepContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;

/**
 * A release's hold on the stable Service's selector (layer-7 routers only): recorded before the
 * canary exists, narrowed to the stable Deployment's current ReplicaSet while the canary runs (and
 * to the new one as finalise rolls the stable out, or the old one as a rollback restores it), never
 * to a ReplicaSet whose pods are not all there while the stable carries traffic, and given back as
 * it was once the canary is gone.
 */
@ApplicationScoped
public class StableIsolation {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StableSelectors selectors;
    private final CanaryWorkloads workloads;

    StableIsolation(StableSelectors selectors, CanaryWorkloads workloads) {
        this.selectors = selectors;
        this.workloads = workloads;
    }

    /**
     * Records the stable selector (the canary Service is built on it) and, behind a layer-7 router,
     * the stable ReplicaSet's hash; nothing changes yet.
     */
    void record(StepContext ctx, ReleaseSpec spec) {
        if (ctx.handle(Handles.STABLE_SELECTOR).isPresent()) {
            return;
        }
        String service = spec.traffic().stableService();
        Map<String, String> selector = selectors.selector(spec.namespace(), service).orElseThrow(() -> new WorkloadException(
                "Service `" + service + "` does not exist in namespace `" + spec.namespace() + "`."));
        ctx.putHandle(Handles.STABLE_SELECTOR, write(selector));
        ctx.putHandle(Handles.STABLE_TEMPLATE_HASH, spec.layer7()
                ? selectors.currentTemplateHash(spec.namespace(), spec.deployment()).orElse("") : "");
    }

    /** The stable selector before the release, once recorded. */
    Optional<Map<String, String>> original(StepContext ctx) {
        return ctx.handle(Handles.STABLE_SELECTOR).map(StableIsolation::read);
    }

    /**
     * Points the stable Service at the stable Deployment's current ReplicaSet, and never at pods that
     * are not there: while the stable carries traffic and is mid-rollout (pods of an earlier template
     * still standing in), the Service keeps its own selector, so every stable pod, old or new, stays
     * an endpoint; otherwise it is narrowed to the current ReplicaSet (or, until the deployment
     * controller has made that ReplicaSet, left as it is). No-op unless the release narrows.
     */
    void narrow(StepContext ctx, ReleaseSpec spec, boolean stableCarriesTraffic) {
        if (!narrows(ctx)) {
            return;
        }
        Map<String, String> original = original(ctx).orElseThrow();
        String service = spec.traffic().stableService();
        Optional<String> current = selectors.currentTemplateHash(spec.namespace(), spec.deployment());
        // the ReplicaSet the release started from, not rolling back: its pods are the stable's, however many are ready
        boolean unchanged = current.isPresent() && current.get().equals(ctx.handle(Handles.STABLE_TEMPLATE_HASH).orElse(""))
                && ctx.handle(RestoreStableStep.RESTORED).isEmpty();
        boolean updated = workloads.stableUpdated(spec.namespace(), spec.deployment());
        if (current.isPresent() && (unchanged || !stableCarriesTraffic || updated)) {
            selectors.select(spec.namespace(), service, StableSelectors.pinned(original, current.get()));
        } else if (stableCarriesTraffic || updated) {
            selectors.select(spec.namespace(), service, original); // mid-rollout while serving, or no ReplicaSet to narrow to
        }
    }

    /** Whether the stable Service is narrowed to a ReplicaSet now. */
    boolean pinned(ReleaseSpec spec) {
        return selectors.selector(spec.namespace(), spec.traffic().stableService())
                .map(s -> s.containsKey(StableSelectors.POD_TEMPLATE_HASH)).orElse(false);
    }

    /**
     * Why the stable Deployment is not the one the release started from (a restart, a GitOps sync
     * changed its pod template), or empty. Only meaningful before finalise changes it.
     */
    Optional<String> stableChanged(StepContext ctx, ReleaseSpec spec) {
        Optional<String> recorded = ctx.handle(Handles.STABLE_TEMPLATE_HASH).filter(h -> !h.isEmpty());
        Optional<String> current = recorded.isEmpty() ? Optional.empty() : selectors.currentTemplateHash(spec.namespace(), spec.deployment());
        if (current.isPresent() && !current.get().equals(recorded.get())) {
            return Optional.of("the stable Deployment's pod template changed during the release (a rollout restart or a sync?):"
                    + " its ReplicaSet is now " + current.get() + ", not " + recorded.get());
        }
        return Optional.empty();
    }

    /** Whether the release narrows the stable Service (layer-7 routers, once the stable ReplicaSet was found). */
    boolean narrows(StepContext ctx) {
        return ctx.handle(Handles.STABLE_TEMPLATE_HASH).filter(h -> !h.isEmpty()).isPresent();
    }

    /** Gives the stable Service its own selector back if the release narrowed it; true when it was written. */
    boolean restore(StepContext ctx, ReleaseSpec spec) {
        if (!narrows(ctx)) {
            return false;
        }
        return original(ctx).map(selector -> selectors.select(spec.namespace(), spec.traffic().stableService(), selector)).orElse(false);
    }

    private static String write(Map<String, String> selector) {
        try {
            return JSON.writeValueAsString(selector);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> read(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stable selector " + json, e);
        }
    }
}
