package dev.ticketsmith.catalog;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value a catalogue field takes when the YAML leaves it out, written as YAML itself (for
 * example {@code "30m"}, {@code "0"} or {@code "[{weight: 100, hold: 2m}]"}) and read exactly like
 * a value from the file. For {@code String} fields the text is used as is.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
@interface Default {

    /** The default, in YAML. */
    String value();
}
