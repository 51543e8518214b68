package dev.ticketsmith.kube.routing;

/**
 * What a weight change did: whether an object was written, a line for the audit trail such as
 * {@code Ingress checkout action checkout-route: canary 10% → 25%}, and whether the change is
 * complete. A replica-ratio change is done in stages (the side gaining traffic first, the other
 * only once the new pods are ready): until then it is not {@code settled} and the caller asks again.
 */
public record RouteChange(boolean changed, String detail, boolean settled) {

    /** A change that took effect at once. */
    public RouteChange(boolean changed, String detail) {
        this(changed, detail, true);
    }
}
