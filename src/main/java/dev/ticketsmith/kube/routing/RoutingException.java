package dev.ticketsmith.kube.routing;

/** The router's object is missing or cannot carry weights as configured; the message says what to fix. */
public class RoutingException extends RuntimeException {

    public RoutingException(String message) {
        super(message);
    }
}
