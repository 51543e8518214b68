package dev.ticketsmith.catalog;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The YAML key of a field whose Java name has to differ, such as {@code for} (a Java keyword). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
@interface YamlName {

    /** The key as written in the catalogue. */
    String value();
}
