package dev.ticketsmith.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL client program ({@code pg_dump}, {@code pg_restore}) run as a child process with a
 * bounded time: its output can be streamed, the tail of its error output explains a failure, and
 * one that overruns is killed.
 */
final class PgProcess implements AutoCloseable {

    private static final int ERROR_TAIL = 2000;

    private final Process process;
    private final CompletableFuture<String> errors;
    private final Duration limit;
    private final String program;

    private PgProcess(Process process, String program, Duration limit) {
        this.process = process;
        this.program = program;
        this.limit = limit;
        this.errors = CompletableFuture.supplyAsync(() -> tail(process.getErrorStream()));
    }

    static PgProcess start(List<String> command, PgTarget target, Duration limit) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("PG")); // only what the target says
        builder.environment().putAll(target.environment());
        Process process = builder.start();
        process.getOutputStream().close(); // nothing is ever typed at it: a password prompt sees end of input, never hangs
        return new PgProcess(process, command.get(0), limit);
    }

    /** The major version of an installed PostgreSQL client program, if it is installed. */
    static java.util.Optional<Integer> majorVersion(String program) {
        try {
            Process p = new ProcessBuilder(program, "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return java.util.Optional.empty();
            }
            var m = java.util.regex.Pattern.compile("(\\d+)(\\.\\d+)?").matcher(out);
            return m.find() ? java.util.Optional.of(Integer.parseInt(m.group(1))) : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    /** The program's standard output. */
    InputStream output() {
        return process.getInputStream();
    }

    /** Waits for the program to end within its limit; throws with its own words when it failed or overran. */
    void await() throws IOException, InterruptedException {
        if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(program + " did not finish within " + limit.toMinutes() + "m and was stopped");
        }
        if (process.exitValue() != 0) {
            throw new IOException(program + " failed (exit " + process.exitValue() + "): " + errors.join().strip());
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private static String tail(InputStream stderr) {
        try {
            String all = new String(stderr.readAllBytes(), StandardCharsets.UTF_8);
            return all.length() > ERROR_TAIL ? "…" + all.substring(all.length() - ERROR_TAIL) : all;
        } catch (IOException e) {
            return "";
        }
    }
}
