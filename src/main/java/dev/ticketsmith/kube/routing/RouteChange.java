package dev.ticketsmith.kube.routing;

/**
 * What a weight change did: whether the object was written, and a line for the audit trail such as
 * {@code Ingress checkout action checkout-route: canary 10% → 25%}.
 */
public record RouteChange(boolean changed, String detail) {
}
