package dev.ticketsmith.catalog;

/**
 * A change freeze of an environment: a recurring window during which promotions and scaling
 * overrides are refused as if it were locked (rollbacks never are), read from
 * {@code environments.<name>.freezes[]}. Both ends are in {@code timeZone} and of the same form:
 * weekly ({@code "Fri 16:00"} to {@code "Mon 08:00"}), yearly whole days ({@code "12-24"} to
 * {@code "12-26"}, both included) or once ({@code "2026-12-31"} to {@code "2027-01-01"}).
 *
 * @param name a short label shown in refusals and in status, such as {@code weekend}
 * @param timeZone an IANA time zone, such as {@code Europe/Paris}
 * @param from when the window opens
 * @param to when it closes
 */
public record FreezeSpec(@Required String name, @Required String timeZone, @Required String from, @Required String to) {
}
