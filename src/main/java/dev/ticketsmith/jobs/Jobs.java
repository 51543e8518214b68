package dev.ticketsmith.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketsmith.db.SchemaNotReady;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import dev.ticketsmith.config.SweepSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs long work for operation steps without holding a tick: a step submits a job (a row, in the
 * step's transaction, so it exists exactly when the step's record does) and waits on it; every
 * replica claims pending jobs ({@code FOR UPDATE SKIP LOCKED}), runs them on a small pool and beats a
 * heartbeat; a job whose replica stops beating for {@link #STALE} is taken over by another, as a new
 * attempt (its handler sees the attempt's number as the parameter {@code attempt}). Results and
 * failures are written to the row.
 */
@ApplicationScoped
public class Jobs {

    private static final Logger LOG = Logger.getLogger(Jobs.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Duration STALE = Duration.ofSeconds(60);
    private static final Duration BEAT = Duration.ofSeconds(10);

    private final EntityManager em;
    private final AgroalDataSource dataSource;
    private final Map<String, JobHandler> handlers;
    private final String replica = "replica-" + UUID.randomUUID().toString().substring(0, 8);
    private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> thread(r, "job"));
    private final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(r -> thread(r, "job-heartbeat"));

    private final TransactionSynchronizationRegistry transactions;
    private final Event<JobEnded> ended;
    private final boolean launching;

    Jobs(EntityManager em, AgroalDataSource dataSource, Instance<JobHandler> handlers, TransactionSynchronizationRegistry transactions,
         Event<JobEnded> ended, SweepSettings sweeps) {
        this.em = em;
        this.dataSource = dataSource;
        this.handlers = handlers.stream().collect(Collectors.toMap(JobHandler::kind, Function.identity()));
        this.transactions = transactions;
        this.ended = ended;
        this.launching = !"off".equals(sweeps.jobsEvery()) && !"disabled".equals(sweeps.jobsEvery());
    }

    /**
     * Records a job to run, in the caller's transaction; returns its id. A parameter
     * {@code operation} (an operation's id) makes that operation due the moment the job ends.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID submit(String kind, Map<String, String> params) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("INSERT INTO db_job (id, kind, params, state) VALUES (?1, ?2, CAST(?3 AS jsonb), 'PENDING')")
                .setParameter(1, id).setParameter(2, kind).setParameter(3, write(params)).executeUpdate();
        if (launching) { // once the job's row is committed, this replica claims it at once rather than at its next sweep
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        pool.submit(() -> claim().ifPresent(Jobs.this::run));
                    }
                }
            });
        }
        return id;
    }

    /** The job as its row says now. */
    public Optional<Job> find(UUID id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT kind, state, attempt, progress, result::text, error FROM db_job WHERE id = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Job(id, rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getString(5) == null ? Map.of() : read(rs.getString(5)), rs.getString(6)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the job " + id + " could not be read: " + e.getMessage(), e);
        }
    }

    @Scheduled(every = "${ticketsmith.sweeps.jobs-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = SchemaNotReady.class)
    void launch() {
        claim().ifPresent(job -> pool.submit(() -> run(job)));
    }

    /** Claims and runs every due job on the calling thread (tests, and a replica shutting down nothing). */
    public int runDueNow() {
        int ran = 0;
        for (Optional<Claimed> job = claim(); job.isPresent(); job = claim()) {
            run(job.get());
            ran++;
        }
        return ran;
    }

    private record Claimed(UUID id, String kind, Map<String, String> params) {
    }

    /** Takes the oldest pending job, or one whose replica stopped beating, for this replica. */
    private Optional<Claimed> claim() {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("UPDATE db_job SET state = 'RUNNING', owner = ?, attempt = attempt + 1,"
                    + " heartbeat_at = now(), started_at = COALESCE(started_at, now()) WHERE id = (SELECT id FROM db_job"
                    + " WHERE state = 'PENDING' OR (state = 'RUNNING' AND heartbeat_at < now() - make_interval(secs => ?))"
                    + " ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id, kind, params::text, attempt")) {
                s.setString(1, replica);
                s.setLong(2, STALE.toSeconds());
                try (ResultSet rs = s.executeQuery()) {
                    Optional<Claimed> claimed = Optional.empty();
                    if (rs.next()) {
                        Map<String, String> params = read(rs.getString(3));
                        params.put("attempt", Integer.toString(rs.getInt(4)));
                        claimed = Optional.of(new Claimed(rs.getObject(1, UUID.class), rs.getString(2), params));
                    }
                    c.commit();
                    return claimed;
                }
            }
        } catch (SQLException e) {
            LOG.warnf("Claiming a job failed: %s", e.toString());
            return Optional.empty();
        }
    }

    private void run(Claimed job) {
        var beat = beats.scheduleAtFixedRate(() -> update(job.id(), "UPDATE db_job SET heartbeat_at = now() WHERE id = ? AND owner = ?"),
                BEAT.toSeconds(), BEAT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        try {
            JobHandler handler = handlers.get(job.kind());
            if (handler == null) {
                throw new IllegalStateException("no handler for jobs of kind " + job.kind());
            }
            Map<String, String> result = handler.run(job.params(), progress -> progress(job.id(), progress));
            finish(job.id(), "SUCCEEDED", write(result), null);
        } catch (Exception e) {
            LOG.warnf("Job %s (%s) failed: %s", job.id(), job.kind(), e.getMessage());
            finish(job.id(), "FAILED", null, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } finally {
            beat.cancel(false);
        }
    }

    private void progress(UUID id, String progress) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE db_job SET progress = ?, heartbeat_at = now() WHERE id = ? AND owner = ?")) {
            s.setString(1, progress);
            s.setObject(2, id);
            s.setString(3, replica);
            s.executeUpdate();
        } catch (SQLException e) {
            LOG.debugf("Job %s progress not recorded: %s", id, e.getMessage());
        }
    }

    private void finish(UUID id, String state, String result, String error) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE db_job SET state = ?, result = CAST(? AS jsonb), error = ?, ended_at = now() WHERE id = ? AND owner = ?")) {
            s.setString(1, state);
            s.setString(2, result);
            s.setString(3, error);
            s.setObject(4, id);
            s.setString(5, replica);
            if (s.executeUpdate() == 0) {
                LOG.warnf("Job %s finished here after another replica took it over; its result is dropped", id);
                return;
            }
            // the step waiting on it is due now, not at its next poll
            try (PreparedStatement nudge = c.prepareStatement("UPDATE operation SET next_tick_at = now() WHERE id = (SELECT CAST(params ->> 'operation'"
                    + " AS uuid) FROM db_job WHERE id = ?) AND phase IN ('RUNNING', 'PENDING') AND next_tick_at > now()")) {
                nudge.setObject(1, id);
                nudge.executeUpdate();
            }
            ended.fireAsync(new JobEnded(id));
        } catch (SQLException e) {
            LOG.errorf("Job %s finished but could not be recorded (it will be taken over and run again): %s", id, e.toString());
        }
    }

    private void update(UUID id, String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            s.setString(2, replica);
            s.executeUpdate();
        } catch (SQLException e) {
            LOG.debugf("Job %s heartbeat missed: %s", id, e.getMessage());
        }
    }

    private static String write(Map<String, String> map) {
        try {
            return JSON.writeValueAsString(map == null ? Map.of() : map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> read(String json) {
        try {
            return new HashMap<>(JSON.readValue(json, new TypeReference<Map<String, String>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable job data", e);
        }
    }

    private static Thread thread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
        beats.shutdownNow();
    }

    /** The kinds of job this replica can run. */
    List<String> kinds() {
        return List.copyOf(handlers.keySet());
    }
}
