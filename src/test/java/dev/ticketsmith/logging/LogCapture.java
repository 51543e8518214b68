package dev.ticketsmith.logging;

import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

/** Captures every log record with the MDC it was logged with, from the root logger, until closed. */
public final class LogCapture extends ExtHandler implements AutoCloseable {

    /** One captured line: its logger, message and MDC. */
    public record Line(String logger, String message, Map<String, String> mdc) {
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();

    private LogCapture() {
    }

    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    @Override
    protected void doPublish(ExtLogRecord record) {
        lines.add(new Line(record.getLoggerName(), record.getFormattedMessage(), Map.copyOf(record.getMdcCopy())));
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
