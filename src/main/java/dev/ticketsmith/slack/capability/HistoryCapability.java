package dev.ticketsmith.slack.capability;

import dev.ticketsmith.audit.AuditDecision;
import dev.ticketsmith.audit.AuditRecord;
import dev.ticketsmith.audit.AuditTrail;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.command.Command;
import dev.ticketsmith.release.Release;
import dev.ticketsmith.release.Releases;
import dev.ticketsmith.slack.Blocks;
import dev.ticketsmith.slack.CommandOutcome;
import dev.ticketsmith.slack.SlackReply;
import jakarta.enterprise.context.ApplicationScoped;

import com.slack.api.model.block.LayoutBlock;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /ticketsmith history [service] [n]}: the latest records of the audit trail, newest first,
 * leaving out read-only requests (help, status, history) so that what changed stays in view.
 */
@ApplicationScoped
public class HistoryCapability implements CapabilityHandler {

    private static final int LINES_PER_BLOCK = 10;

    private final AuditTrail audit;
    private final Releases releases;
    private final Catalog catalog;

    HistoryCapability(AuditTrail audit, Releases releases, Catalog catalog) {
        this.audit = audit;
        this.releases = releases;
        this.catalog = catalog;
    }

    @Override
    public String verb() {
        return "history";
    }

    @Override
    public Handled handle(CommandRequest request) {
        Command.History history = (Command.History) request.command();
        List<AuditRecord> records = audit.latestChanges(history.service(), history.limit());
        String scope = history.service().map(s -> "`" + s + "`").orElse("all services");
        var entry = request.audit().decided("history", AuditDecision.ANSWERED,
                records.size() + " records of " + history.service().orElse("all services"));
        if (records.isEmpty()) {
            return new Handled(entry, CommandOutcome.now(SlackReply.ephemeral("Nothing has happened to " + scope + " yet.")));
        }
        List<LayoutBlock> blocks = new ArrayList<>();
        history.service().filter(s -> catalog.service(s).isPresent()).ifPresent(s -> {
            List<String> lines = releases.latest(s, history.limit()).stream().map(HistoryCapability::release).toList();
            if (!lines.isEmpty()) {
                blocks.add(Blocks.section("*Releases of `" + s + "`* (newest first)\n" + String.join("\n", lines)));
            }
        });
        blocks.add(Blocks.section("*History of " + scope + "* (latest " + records.size() + ", newest first)"));
        List<String> lines = records.stream().map(HistoryCapability::line).toList();
        for (int i = 0; i < lines.size(); i += LINES_PER_BLOCK) {
            blocks.add(Blocks.section(String.join("\n", lines.subList(i, Math.min(lines.size(), i + LINES_PER_BLOCK)))));
        }
        blocks.add(Blocks.context("Full records, with their hashes: `GET /api/audit" + history.service().map(s -> "?service=" + s).orElse("") + "`"));
        return new Handled(entry, CommandOutcome.now(SlackReply.ephemeral("History of " + scope, blocks)));
    }

    static String release(Release r) {
        return "• " + r.environment + ": " + ReleaseLines.describe(r)
                + (r.digest == null ? "" : " · `" + r.digest.substring(0, Math.min(19, r.digest.length())) + "…`");
    }

    static String line(AuditRecord r) {
        long epoch = r.recordedAt.getEpochSecond();
        String when = "<!date^" + epoch + "^{date_short} {time}|" + r.recordedAt + ">";
        String who = Blocks.person(r.actorId);
        String what = Optional.ofNullable(r.commandText).map(HistoryCapability::code).orElse(r.action);
        String where = r.environment == null ? "" : " in " + r.environment;
        String detail = r.detail == null ? "" : " — " + Blocks.escape(Blocks.clip(r.detail, 160));
        return "• " + when + " " + who + " " + what + where + " → *" + decision(r.decision) + "*" + detail;
    }

    private static String code(String text) {
        return "`" + Blocks.escape(Blocks.clip(text.replace('`', '\''), 120)) + "`";
    }

    private static String decision(String decision) {
        return decision.toLowerCase().replace('_', ' ');
    }
}
