package dev.ticketsmith.ops.promote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketsmith.kube.StableSelectors;
import dev.ticketsmith.kube.WorkloadException;
import dev.ticketsmith.ops.engine.StepContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;

/**
 * A release's hold on the stable Service's selector (layer-7 routers only): recorded before the
 * canary exists, narrowed to the stable ReplicaSet's pods while the canary runs, moved to the new
 * stable ReplicaSet when finalise rolls the stable out, back to the recorded one when a rollback
 * restores it, and given back as it was once the canary is gone.
 */
@ApplicationScoped
public class StableIsolation {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StableSelectors selectors;

    StableIsolation(StableSelectors selectors) {
        this.selectors = selectors;
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

    /** Narrows the stable Service to the recorded stable ReplicaSet; false when there is none to narrow to. */
    boolean pinToRecorded(StepContext ctx, ReleaseSpec spec) {
        Optional<String> hash = ctx.handle(Handles.STABLE_TEMPLATE_HASH).filter(h -> !h.isEmpty());
        Optional<Map<String, String>> original = original(ctx);
        if (hash.isEmpty() || original.isEmpty()) {
            return false;
        }
        selectors.select(spec.namespace(), spec.traffic().stableService(), StableSelectors.pinned(original.get(), hash.get()));
        return true;
    }

    /**
     * After finalise rolled the stable out: narrows the stable Service to its new ReplicaSet (the
     * canary, at weight 0, still runs until the scale-down), or gives the selector back when the new
     * ReplicaSet cannot be found. No-op when the release never narrowed it.
     */
    void pinToCurrent(StepContext ctx, ReleaseSpec spec) {
        Optional<Map<String, String>> original = original(ctx);
        if (original.isEmpty() || ctx.handle(Handles.STABLE_TEMPLATE_HASH).filter(h -> !h.isEmpty()).isEmpty()) {
            return;
        }
        Map<String, String> wanted = selectors.currentTemplateHash(spec.namespace(), spec.deployment())
                .map(hash -> StableSelectors.pinned(original.get(), hash)).orElse(original.get());
        selectors.select(spec.namespace(), spec.traffic().stableService(), wanted);
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
