package dev.ticketsmith.registry;

/**
 * A digest lookup that ended without a digest, with the sentence to show the user. Never leaves
 * this package: {@link RegistryDigests} turns it into {@link Resolution.Unresolved}.
 */
final class LookupFailure extends Exception {

    private static final long serialVersionUID = 1L;

    LookupFailure(String reason) {
        super(reason, null, false, false);
    }

    String reason() {
        return getMessage();
    }
}
