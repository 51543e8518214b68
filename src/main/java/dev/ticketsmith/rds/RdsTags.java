package dev.ticketsmith.rds;

import software.amazon.awssdk.services.rds.model.Tag;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The tags TICKETSMITH puts on what it creates in RDS, and conversions to and from the SDK's tags. */
public final class RdsTags {

    /** On everything TICKETSMITH created: {@code true}. */
    public static final String MANAGED = "ticketsmith:managed";
    /** The id of the operation that created it: a repeated restore recognises its own instance by it. */
    public static final String OPERATION = "ticketsmith:operation";
    /** {@link #RESTORE_TEST} or {@link #RESTORE}. */
    public static final String PURPOSE = "ticketsmith:purpose";
    public static final String RESTORE_TEST = "restore-test";
    public static final String RESTORE = "restore";

    private RdsTags() {
    }

    /** True for a scratch instance of a restore test: the only kind TICKETSMITH ever deletes. */
    public static boolean isScratch(Map<String, String> tags) {
        return "true".equals(tags.get(MANAGED)) && RESTORE_TEST.equals(tags.get(PURPOSE));
    }

    /** The caller's tags plus {@code ticketsmith:managed=true}, sorted by key. */
    static Map<String, String> managed(Map<String, String> tags) {
        Map<String, String> all = new TreeMap<>(tags);
        all.put(MANAGED, "true");
        return all;
    }

    static List<Tag> toSdk(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    static Map<String, String> fromSdk(List<Tag> tags) {
        Map<String, String> map = new TreeMap<>();
        tags.forEach(t -> map.put(t.key(), t.value() == null ? "" : t.value()));
        return map;
    }
}
