package dev.ticketsmith.slack.live;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.ConfirmationDialogObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import dev.ticketsmith.ops.engine.Operation;
import dev.ticketsmith.ops.promote.Handles;
import dev.ticketsmith.ops.promote.PipelineSourceStep;
import dev.ticketsmith.ops.promote.PromotionPlan;
import dev.ticketsmith.ops.promote.Provenance;
import dev.ticketsmith.ops.engine.OperationEngine;
import dev.ticketsmith.ops.engine.Phase;
import dev.ticketsmith.ops.engine.StepSpec;
import dev.ticketsmith.slack.Blocks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The live message of one operation: what, who, the plan with the cursor on it, the latest news, and its buttons. */
public final class OperationMessage {

    public static final String ABORT = "ticketsmith.abort";
    public static final String PAUSE = "ticketsmith.pause";
    public static final String RESUME = "ticketsmith.resume";
    public static final String APPROVE = "ticketsmith.approve";
    public static final String REJECT = "ticketsmith.reject";
    public static final String PROMOTE_NOW = "ticketsmith.promote-now";

    private OperationMessage() {
    }

    public static String text(Operation op) {
        String target = DatabaseMessage.applies(op) ? op.context.getOrDefault("db.name", op.target) : op.target;
        return emoji(op.phase) + " " + op.kind + " " + target + " in " + op.environment + ": " + phase(op);
    }

    /** An image as people read it: a pinned digest shortened to 12 hex digits after the tag. */
    static String shown(String image) {
        int at = image.indexOf("@sha256:");
        if (at < 0 || image.length() < at + 8 + 12) {
            return image;
        }
        return image.substring(0, at) + "` `" + image.substring(at + 1, at + 8 + 12) + "…";
    }

    public static List<LayoutBlock> blocks(Operation op) {
        List<LayoutBlock> blocks = new ArrayList<>();
        if (DatabaseMessage.applies(op)) {
            blocks.add(Blocks.header(DatabaseMessage.header(op)));
            blocks.add(Blocks.section(emoji(op.phase) + " *" + phase(op) + "* · requested by " + Blocks.person(op.requesterId)));
            String facts = DatabaseMessage.facts(op);
            if (!facts.isEmpty()) {
                blocks.add(Blocks.section(Blocks.clip(facts, 2900)));
            }
            blocks.add(Blocks.section(plan(op)));
            String news = op.endReason != null && !op.phase.active() ? op.endReason : op.latestReason();
            blocks.add(Blocks.context((news == null ? "" : Blocks.escape(Blocks.clip(news, 400)) + " · ") + "operation `" + op.id + "`"));
            List<BlockElement> buttons = buttons(op);
            if (!buttons.isEmpty()) {
                blocks.add(ActionsBlock.builder().blockId("operation").elements(buttons).build());
            }
            return blocks;
        }
        String to = shown(op.handles.getOrDefault(Handles.IMAGE, op.handles.getOrDefault(Handles.SOURCE_IMAGE, typed(op))));
        blocks.add(Blocks.header(op.kind + " " + op.target + " · " + op.environment));
        String from = op.handles.get(Handles.STABLE_IMAGE);
        blocks.add(Blocks.section(emoji(op.phase) + " *" + phase(op) + "* · requested by " + Blocks.person(op.requesterId) + "\n"
                + (from == null ? "" : "`" + from + "` → ") + "`" + to + "`"
                + Optional.ofNullable(op.handles.get(Handles.DIGEST_UNRESOLVED))
                        .map(why -> "\n:warning: not pinned to a digest (" + Blocks.escape(Blocks.clip(why, 200)) + "): the tag may move")
                        .orElse("")
                + traffic(op)
                + Optional.ofNullable(op.handles.get(Handles.PROVENANCE)).map(line -> "\n:mag: " + Blocks.clip(line, 300)).orElse("")
                + Optional.ofNullable(op.handles.get(Handles.PROVENANCE_WAIVED))
                        .map(why -> "\n:warning: provenance guardrail waived by `--force`: " + Blocks.clip(why, 300)).orElse("")));
        blocks.add(Blocks.section(plan(op)));
        String news = op.endReason != null && !op.phase.active() ? op.endReason : op.latestReason();
        blocks.add(Blocks.context((news == null ? "" : Blocks.escape(Blocks.clip(news, 400)) + " · ") + "operation `" + op.id + "`"));
        List<BlockElement> buttons = buttons(op);
        if (!buttons.isEmpty()) {
            blocks.add(ActionsBlock.builder().blockId("operation").elements(buttons).build());
        }
        return blocks;
    }

    /**
     * Who serves how much while the operation runs: blue and green for a blue-green release, stable
     * and canary otherwise ({@link PromotionPlan#canaryWeight}; going back to the old version on the
     * rollback path).
     */
    public static String traffic(Operation op) {
        if (!op.phase.active() || op.steps.stream().noneMatch(st -> "canary.weight".equals(st.type()))) {
            return "";
        }
        boolean blueGreen = "BLUE_GREEN".equals(op.context.get("release.strategy"));
        String older = blueGreen ? ":large_blue_circle: blue" : "stable";
        String newer = blueGreen ? ":large_green_circle: green" : "canary";
        Integer weight = PromotionPlan.canaryWeight(op);
        if (weight == null) {
            return "\ntraffic going back to " + older;
        }
        return "\n" + older + " " + (100 - weight) + "% · " + newer + " " + weight + "%";
    }

    /** What the user asked to release: the version typed, or where it comes from. */
    private static String typed(Operation op) {
        for (StepSpec step : op.steps) {
            if ("canary.deploy".equals(step.type()) && !step.param("artifact", "").isEmpty()) {
                return step.param("artifact");
            }
            if (PipelineSourceStep.TYPE.equals(step.type()) && !step.param("from", "").isEmpty()) {
                return "what runs in " + step.param("from");
            }
        }
        return "";
    }

    private static String plan(Operation op) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < op.steps.size(); i++) {
            lines.add(mark(op, i) + " " + label(op.steps.get(i)));
        }
        if (op.onRollbackPath) {
            lines.add("↩️ rolling back (" + Blocks.escape(Blocks.clip(String.valueOf(op.endReason), 200)) + "): "
                    + (op.phase.active() ? "step " + (op.stepIndex + 1) + "/" + op.rollbackSteps.size() : "done"));
        }
        return String.join("\n", lines);
    }

    /** Done, current or to come; on the rollback path the plan is left unmarked. */
    private static String mark(Operation op, int i) {
        if (op.onRollbackPath || op.phase == Phase.PENDING || i > op.stepIndex) {
            return "◻️";
        }
        return i < op.stepIndex || op.phase == Phase.SUCCEEDED ? "✅" : "▶️";
    }

    public static String label(StepSpec step) {
        String database = DatabaseMessage.label(step);
        if (database != null) {
            return database;
        }
        return switch (step.type()) {
            case "pipeline.source" -> (step.param("from", "").isEmpty() ? "check `" + step.param("version") + "` in " + step.param("gate")
                    : "take what runs in " + step.param("from") + ", by digest")
                    + (step.param("healthyFor", "").isEmpty() ? "" : ", healthy there for " + Provenance.human(Duration.parse(step.param("healthyFor"))));
            case "canary.deploy" -> "deploy the canary (" + step.param("percent") + "% of stable)";
            case "canary.ready" -> "canary ready";
            case "canary.smoke" -> "smoke test";
            case "canary.weight" -> step.param("weight") + "% of traffic, hold " + Duration.parse(step.param("hold")).toSeconds() + "s";
            case "canary.finalize" -> "stable takes the new image, traffic back to stable";
            case "hpa.pin" -> "pin the stable HPA, canary HPA";
            case "hpa.restore" -> "restore the stable HPA";
            case "gate.approval" -> step.param("approvals") + " approvals";
            case "canary.scale-down" -> Duration.parse(step.param("delay")).isZero() ? "remove the canary"
                    : "remove the canary after " + Duration.parse(step.param("delay")).toSeconds() + "s";
            case "canary.keep-previous" -> "keep the previous version " + Duration.parse(step.param("delay")).toSeconds()
                    + "s (rollback is a switch back)";
            case "release.record" -> "record the release";
            default -> step.type();
        };
    }

    private static List<BlockElement> buttons(Operation op) {
        List<BlockElement> buttons = new ArrayList<>();
        if (!op.phase.active() || op.onRollbackPath) {
            return buttons;
        }
        String id = op.id.toString();
        boolean database = DatabaseMessage.applies(op);
        if (op.phase == Phase.AWAITING_APPROVAL) {
            buttons.add(button(APPROVE, "Approve", id, "primary", ConfirmationDialogObject.builder()
                    .title(plain("Approve this " + op.kind + "?"))
                    .text(plain(op.target + " in " + op.environment + ": " + (database ? op.context.getOrDefault("db.copy", "")
                            + " from " + op.handles.getOrDefault("backup.id", "the newest backup") : op.handles.getOrDefault(Handles.IMAGE, ""))
                            + ". Your approval is for this plan only (" + op.stepsHash.substring(0, 12) + ")."))
                    .confirm(plain("Approve")).deny(plain("Not yet")).build()));
            buttons.add(button(REJECT, "Reject", id, "danger", null));
        }
        if (op.phase == Phase.PAUSED) {
            buttons.add(button(RESUME, "Resume", id, "primary", null));
        } else {
            buttons.add(button(PAUSE, "Pause", id, null, null));
        }
        if (op.phase == Phase.RUNNING && !database && !op.handles.containsKey(OperationEngine.PROMOTE_NOW)) {
            buttons.add(button(PROMOTE_NOW, "Promote now", id, null, ConfirmationDialogObject.builder()
                    .title(plain("Skip the remaining holds?")).text(plain("Traffic moves through the remaining steps without waiting."))
                    .confirm(plain("Promote now")).deny(plain("Keep holding")).build()));
        }
        buttons.add(button(ABORT, "Abort", id, "danger", ConfirmationDialogObject.builder()
                .title(plain("Abort this " + op.kind + "?")).text(plain(database ? abortText(op) : "Traffic goes back to stable and the canary is removed."))
                .confirm(plain("Abort")).deny(plain("Keep going")).style("danger").build()));
        return buttons;
    }

    private static String abortText(Operation op) {
        return switch (op.kind) {
            case "restore" -> "The restore stops; if the consumers were repointed, they go back to the previous database. The new copy is kept.";
            case "restore-test" -> "The test stops, is reported as aborted, and its scratch copy is removed.";
            default -> "The operation stops where it is.";
        };
    }

    private static ButtonElement button(String actionId, String text, String value, String style, ConfirmationDialogObject confirm) {
        return ButtonElement.builder().actionId(actionId).text(plain(text)).value(value).style(style).confirm(confirm).build();
    }

    private static PlainTextObject plain(String text) {
        return PlainTextObject.builder().text(text).build();
    }

    private static String phase(Operation op) {
        String phase = op.phase.name().toLowerCase().replace('_', ' ');
        if (op.phase == Phase.RUNNING && !op.onRollbackPath) {
            return phase + ", step " + (op.stepIndex + 1) + "/" + op.steps.size();
        }
        return op.onRollbackPath && op.phase.active() ? "rolling back" : phase;
    }

    private static String emoji(Phase phase) {
        return switch (phase) {
            case PENDING, AWAITING_APPROVAL -> ":hourglass_flowing_sand:";
            case RUNNING -> ":large_blue_circle:";
            case PAUSED -> ":double_vertical_bar:";
            case SUCCEEDED -> ":white_check_mark:";
            case FAILED -> ":x:";
            case ABORTED -> ":octagonal_sign:";
            case ROLLED_BACK -> ":leftwards_arrow_with_hook:";
        };
    }
}
