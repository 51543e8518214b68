package dev.ticketsmith.logging;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The MDC crosses a hop to a worker thread and is gone from the worker afterwards. */
class LogContextTest {

    @Test
    void aTaskCarriesTheCallersMdcAndLeavesTheWorkerClean() throws Exception {
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            worker.submit(() -> { }).get(); // the worker exists before the MDC is set (a new thread inherits its creator's MDC)
            MDC.put("slackRequestId", "abc123");
            Map<String, Object> seen = new HashMap<>();
            CompletableFuture.runAsync(LogContext.carried(() -> seen.putAll(MDC.getMap())), worker).get();
            MDC.remove("slackRequestId");
            assertEquals("abc123", seen.get("slackRequestId"));
            Object[] after = {"not run"};
            CompletableFuture.runAsync(() -> after[0] = MDC.get("slackRequestId"), worker).get();
            assertNull(after[0], "the worker thread's MDC was restored");
        } finally {
            worker.shutdownNow();
        }
    }

    @Test
    void aScopeRestoresWhatWasThere() {
        MDC.put("operationId", "outer");
        try (var inner = LogContext.with("operationId", "inner")) {
            assertEquals("inner", MDC.get("operationId"));
        }
        assertEquals("outer", MDC.get("operationId"));
        MDC.remove("operationId");
        try (var only = LogContext.with("operationId", "x")) {
            assertEquals("x", MDC.get("operationId"));
        }
        assertNull(MDC.get("operationId"));
    }

    @Test
    void freshHidesARequestsKeysAndPutsThemBack() {
        MDC.put(LogContext.SLACK_REQUEST_ID, "inherited");
        try (var fresh = LogContext.fresh()) {
            assertNull(MDC.get(LogContext.SLACK_REQUEST_ID));
            MDC.put(LogContext.OPERATION_ID, "op");
        }
        assertEquals("inherited", MDC.get(LogContext.SLACK_REQUEST_ID));
        assertNull(MDC.get(LogContext.OPERATION_ID));
        MDC.remove(LogContext.SLACK_REQUEST_ID);
    }
}
