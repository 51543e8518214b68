package dev.ticketsmith.command;

import java.util.regex.Pattern;

/** What a version, image reference or snapshot id may look like, wherever one is typed or sent. */
public final class Artifacts {

    static final Pattern FORM = Pattern.compile("[A-Za-z0-9._:/@+-]{1,255}");

    private Artifacts() {
    }

    public static boolean valid(String value) {
        return value != null && FORM.matcher(value).matches();
    }
}
