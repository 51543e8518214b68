package dev.ticketsmith.metrics;

import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.DatabaseSpec;
import dev.ticketsmith.db.SchemaNotReady;
import dev.ticketsmith.ops.engine.Phase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The gauges read from PostgreSQL: operations by kind and phase, how long active operations have
 * been on their step and how overdue their next tick is, backup age against the RPO target, the
 * newest restore test's RTO, RPO and result, and the audit chain's status. Refreshed every
 * {@code ticketsmith.observability.refresh-every}, never per scrape; ages are computed at scrape
 * time from the stored times. Every replica reads the same rows, so every replica reports the
 * same values: alert and graph on {@code max()} or {@code min()} of them, never {@code sum()}.
 */
@ApplicationScoped
public class StoredMetrics {

    private static final Logger LOG = Logger.getLogger(StoredMetrics.class);

    private final StoredFiguresReader reader;
    private final Catalog catalog;
    private final Clock clock;
    private final Map<String, MultiGauge> gauges;
    private volatile StoredFigures figures = StoredFigures.empty();

    StoredMetrics(StoredFiguresReader reader, Catalog catalog, Clock clock, MeterRegistry registry) {
        this.reader = reader;
        this.catalog = catalog;
        this.clock = clock;
        this.gauges = Map.of(
                "operations", gauge(registry, "ticketsmith.operations", "Operations in PostgreSQL by kind and phase (SUCCEEDED, FAILED, ... are outcomes)"),
                "stepAge", gauge(registry, "ticketsmith.operations.step.age.seconds", "Active operations: longest time on the current step, by kind and phase"),
                "tickOverdue", gauge(registry, "ticketsmith.operations.tick.overdue.seconds", "Operations the engine works on: how far past its due time the most overdue tick is, by kind"),
                "backupAge", gauge(registry, "ticketsmith.backup.age.seconds", "Age of the newest backup TICKETSMITH took, by database (+Inf: none)"),
                "backupRpo", gauge(registry, "ticketsmith.backup.rpo.target.seconds", "RPO target of the database from the catalogue"),
                "restoreRto", gauge(registry, "ticketsmith.restore.test.rto.seconds", "Newest restore test: provisioning + restore + validation time, by database"),
                "restoreRpo", gauge(registry, "ticketsmith.restore.test.rpo.seconds", "Newest restore test: age of the restored data when restored, by database"),
                "restorePassed", gauge(registry, "ticketsmith.restore.test.passed", "Newest restore test: 1 passed, 0 failed, by database"),
                "restoreEnded", gauge(registry, "ticketsmith.restore.test.last.run.timestamp.seconds", "Newest restore test: when it ended (Unix time), by database"));
        Gauge.builder("ticketsmith.audit.chain.intact", this, m -> m.audit(a -> a.intact() ? 1 : 0))
                .description("Newest verification of the audit chain: 1 intact, 0 broken (NaN: never verified)").register(registry);
        Gauge.builder("ticketsmith.audit.chain.verified.timestamp.seconds", this, m -> m.audit(a -> a.verifiedAt().getEpochSecond()))
                .description("When the audit chain was last verified (Unix time)").register(registry);
        Gauge.builder("ticketsmith.audit.chain.records.checked", this, m -> m.audit(a -> a.recordsChecked()))
                .description("Records the newest verification of the audit chain read").register(registry);
        Gauge.builder("ticketsmith.stored.figures.age.seconds", this,
                        m -> m.figures.readAt() == null ? Double.NaN : seconds(m.figures.readAt(), m.clock.instant()))
                .description("How old the figures read from PostgreSQL are on this replica").register(registry);
    }

    private static MultiGauge gauge(MeterRegistry registry, String name, String description) {
        return MultiGauge.builder(name).description(description).register(registry);
    }

    @Scheduled(every = "${ticketsmith.observability.refresh-every:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = SchemaNotReady.class)
    void scheduled() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warnf("Reading the stored figures for the metrics failed; the previous ones stay: %s", e.toString());
        }
    }

    /** Reads the figures now and replaces the gauges' rows. */
    public void refresh() {
        try {
            figures = reader.read(clock.instant());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        StoredFigures f = figures;
        List<MultiGauge.Row<?>> operations = new ArrayList<>();
        List<MultiGauge.Row<?>> stepAge = new ArrayList<>();
        f.operations().forEach((kind, byPhase) -> {
            for (Phase phase : Phase.values()) {
                operations.add(row(Tags.of("kind", kind, "phase", phase.name()), byPhase.getOrDefault(phase.name(), 0L)));
            }
        });
        f.stepStarted().forEach((kind, byPhase) -> byPhase.forEach((phase, started) ->
                stepAge.add(ageRow(Tags.of("kind", kind, "phase", phase), started))));
        gauges.get("operations").register(operations, true);
        gauges.get("stepAge").register(stepAge, true);
        List<MultiGauge.Row<?>> overdue = new ArrayList<>();
        f.tickDue().forEach((kind, due) -> overdue.add(MultiGauge.Row.of(Tags.of("kind", kind), this,
                m -> Math.max(0, seconds(due, m.clock.instant())))));
        gauges.get("tickOverdue").register(overdue, true);
        registerDatabases(f);
    }

    private void registerDatabases(StoredFigures f) {
        List<MultiGauge.Row<?>> age = new ArrayList<>();
        List<MultiGauge.Row<?>> rpo = new ArrayList<>();
        for (DatabaseSpec db : catalog.databases().values()) {
            Tags tags = Tags.of("database", db.name(), "environment", db.environment());
            Instant last = f.lastBackup().get(db.name());
            age.add(last == null ? row(tags, Double.POSITIVE_INFINITY) : ageRow(tags, last));
            rpo.add(row(tags, db.rpoTarget().toSeconds()));
        }
        gauges.get("backupAge").register(age, true);
        gauges.get("backupRpo").register(rpo, true);
        List<MultiGauge.Row<?>> rto = new ArrayList<>();
        List<MultiGauge.Row<?>> restoreRpo = new ArrayList<>();
        List<MultiGauge.Row<?>> passed = new ArrayList<>();
        List<MultiGauge.Row<?>> ended = new ArrayList<>();
        f.restoreTests().forEach((database, run) -> {
            Tags tags = Tags.of("database", database);
            if (run.rtoMs() != null) {
                rto.add(row(tags, run.rtoMs() / 1000.0));
            }
            if (run.rpoSeconds() != null) {
                restoreRpo.add(row(tags, run.rpoSeconds()));
            }
            passed.add(row(tags, run.passed() ? 1 : 0));
            ended.add(row(tags, run.endedAt().getEpochSecond()));
        });
        gauges.get("restoreRto").register(rto, true);
        gauges.get("restoreRpo").register(restoreRpo, true);
        gauges.get("restorePassed").register(passed, true);
        gauges.get("restoreEnded").register(ended, true);
    }

    /**
     * A row holding a fixed value. Rows hold their object weakly (Micrometer's registry.gauge), so
     * a boxed number would be collected and read NaN: every row holds this bean instead.
     */
    private MultiGauge.Row<StoredMetrics> row(Tags tags, double value) {
        return MultiGauge.Row.of(tags, this, m -> value);
    }

    private MultiGauge.Row<StoredMetrics> ageRow(Tags tags, Instant since) {
        return MultiGauge.Row.of(tags, this, m -> seconds(since, m.clock.instant()));
    }

    private double audit(ToDoubleFunction<StoredFigures.AuditCheck> value) {
        StoredFigures.AuditCheck audit = figures.audit();
        return audit == null ? Double.NaN : value.applyAsDouble(audit);
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
