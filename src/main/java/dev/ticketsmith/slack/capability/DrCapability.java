package dev.ticketsmith.slack.capability;

import dev.ticketsmith.audit.AuditDecision;
import dev.ticketsmith.backup.PreflightCheck;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.DatabaseSpec;
import dev.ticketsmith.command.Command;
import dev.ticketsmith.dr.DrStatus;
import dev.ticketsmith.slack.CommandOutcome;
import dev.ticketsmith.slack.SlackReply;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code /ticketsmith dr [<database>]}: for each database, the newest backup's age against the RPO,
 * the provider's backups, the last passing restore test, and encryption at rest. Answered after the
 * acknowledgement (it calls AWS), to the person who asked.
 */
@ApplicationScoped
public class DrCapability implements CapabilityHandler {

    private final Catalog catalog;
    private final DrStatus status;
    private final Clock clock;

    DrCapability(Catalog catalog, DrStatus status, Clock clock) {
        this.catalog = catalog;
        this.status = status;
        this.clock = clock;
    }

    @Override
    public String verb() {
        return "dr";
    }

    @Override
    public Handling handle(CommandRequest request) {
        Command.Dr dr = (Command.Dr) request.command();
        List<DatabaseSpec> databases = dr.database().map(name -> List.of(catalog.database(name).orElseThrow()))
                .orElse(List.copyOf(catalog.databases().values()));
        if (databases.isEmpty()) {
            return new Handled(request.audit().decided("dr", AuditDecision.ACCEPTED, "no databases"),
                    CommandOutcome.now(SlackReply.ephemeral("No databases are in the catalogue.")));
        }
        return new Handled(request.audit().decided("dr", AuditDecision.ACCEPTED, "DR status of " + databases.size() + " databases"),
                CommandOutcome.later(SlackReply.ephemeral(":hourglass_flowing_sand: Checking " + databases.size() + " database"
                        + (databases.size() == 1 ? "" : "s") + "…"), () -> SlackReply.ephemeral(render(databases))));
    }

    String render(List<DatabaseSpec> databases) {
        List<String> blocks = new ArrayList<>();
        for (DatabaseSpec db : databases) {
            DrStatus.Report report = status.of(db, clock.instant());
            blocks.add((report.outOfLine() ? ":x:" : ":white_check_mark:") + " *" + db.name() + "* (" + db.provider().name().toLowerCase()
                    + ", " + db.environment() + ")" + (report.outOfLine() ? " out of line" : "") + "\n"
                    + report.findings().stream().map(f -> "  " + f.line()).collect(Collectors.joining("\n")));
        }
        return "*DR status*\n" + String.join("\n", blocks);
    }
}
