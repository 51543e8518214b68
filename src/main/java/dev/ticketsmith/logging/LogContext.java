package dev.ticketsmith.logging;

import org.jboss.logging.MDC;

import java.util.HashMap;
import java.util.Map;

/**
 * The log's MDC across threads: a task handed to another thread carries the MDC of the thread that
 * made it (the Slack request id, the operation id), and leaves that thread's MDC as it found it.
 */
public final class LogContext {

    /** The id of the operation the engine is working on. */
    public static final String OPERATION_ID = "operationId";
    /** The id TICKETSMITH gave the Slack request being handled (also in the ack's X-Ticketsmith-Request-Id header). */
    public static final String SLACK_REQUEST_ID = "slackRequestId";
    /** The delivery key of that request: its {@code trigger_id}, else a hash of its body. */
    public static final String SLACK_DELIVERY_KEY = "slackDeliveryKey";

    private static final java.util.List<String> KEYS = java.util.List.of(OPERATION_ID, SLACK_REQUEST_ID, SLACK_DELIVERY_KEY);

    private LogContext() {
    }

    /**
     * Removes TICKETSMITH's keys until {@link Scope#close()}: for work that belongs to no request,
     * on a pooled thread that may have inherited a request's MDC when it was created (the log
     * manager's MDC is inherited by new threads).
     */
    public static Scope fresh() {
        Map<String, Object> before = new HashMap<>();
        for (String key : KEYS) {
            Object value = MDC.get(key);
            if (value != null) {
                before.put(key, value);
                MDC.remove(key);
            }
        }
        return () -> {
            KEYS.forEach(MDC::remove);
            before.forEach(MDC::put);
        };
    }

    /** {@code task}, run with the MDC the calling thread has now. */
    public static Runnable carried(Runnable task) {
        Map<String, Object> captured = new HashMap<>(MDC.getMap());
        return () -> {
            Map<String, Object> before = new HashMap<>(MDC.getMap());
            MDC.clear();
            captured.forEach(MDC::put);
            try {
                task.run();
            } finally {
                MDC.clear();
                before.forEach(MDC::put);
            }
        };
    }

    /** Puts {@code key} in the MDC until {@link Scope#close()}, which restores what was there before. */
    public static Scope with(String key, Object value) {
        Object before = MDC.get(key);
        MDC.put(key, value);
        return () -> {
            if (before == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, before);
            }
        };
    }

    /** A change of the MDC, undone on close. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
