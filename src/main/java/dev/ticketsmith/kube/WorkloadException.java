package dev.ticketsmith.kube;

/** A workload TICKETSMITH needs is missing or unusable; the message says which and what to fix. */
public class WorkloadException extends RuntimeException {

    public WorkloadException(String message) {
        super(message);
    }

    public WorkloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
