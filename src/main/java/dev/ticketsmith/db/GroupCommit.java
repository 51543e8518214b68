package dev.ticketsmith.db;

import io.agroal.api.AgroalDataSource;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Group commit: callers submit an item and wait; one writer thread takes everything queued and
 * writes it in a single transaction, then releases each caller with its own result. Under load,
 * many concurrent requests cost one round of statements and one commit instead of one each; alone,
 * a request waits for nothing but its own write. Results are durable when {@link #submit} returns.
 *
 * @param <I> what callers submit
 * @param <O> what each gets back
 */
public final class GroupCommit<I, O> implements AutoCloseable {

    /** Writes one batch inside an open transaction; returns one result per item, in order. */
    @FunctionalInterface
    public interface BatchWrite<I, O> {
        List<O> write(Connection connection, List<I> batch) throws SQLException;
    }

    private record Pending<I, O>(I item, CompletableFuture<O> done) {
    }

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);
    private static final int MAX_BATCH = 256;
    private static final long WAIT_SECONDS = 10;

    private final String name;
    private final AgroalDataSource dataSource;
    private final BatchWrite<I, O> write;
    private final BlockingQueue<Pending<I, O>> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean running = true;

    public GroupCommit(String name, AgroalDataSource dataSource, BatchWrite<I, O> write) {
        this.name = name;
        this.dataSource = dataSource;
        this.write = write;
        this.writer = new Thread(this::drain, name + "-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Queues one item and returns its result once the batch that holds it has committed. */
    public O submit(I item) {
        Pending<I, O> pending = new Pending<>(item, new CompletableFuture<>());
        queue.add(pending);
        try {
            return pending.done().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing " + name, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(name + " could not be written", e);
        }
    }

    private void drain() {
        List<Pending<I, O>> batch = new ArrayList<>();
        while (running) {
            try {
                Pending<I, O> first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                List<O> results = writeInOneTransaction(batch.stream().map(Pending::item).toList());
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).done().complete(results.get(i));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | SQLException e) {
                LOG.errorf("Writing %d %s failed: %s", batch.size(), name, e.toString());
                batch.forEach(p -> p.done().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private List<O> writeInOneTransaction(List<I> items) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<O> results = write.write(c, items);
                c.commit();
                return results;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        writer.interrupt();
    }
}
