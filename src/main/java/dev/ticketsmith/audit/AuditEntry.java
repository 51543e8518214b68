package dev.ticketsmith.audit;

/**
 * What a caller asks the audit trail to record; the trail adds the sequence number, the time and
 * the hashes. Free-text fields are kept as given (they are bounded at the door).
 *
 * @param actorId     Slack user id, or {@code api:<label>} / {@code system} for non-Slack actors
 * @param actorName   Slack user name, when known
 * @param teamId      Slack workspace id
 * @param channelId   channel the request came from
 * @param commandText the command as typed, or the button pressed
 * @param action      what was asked: a subcommand verb or an event such as {@code approve}
 * @param target      service, database or lock target
 * @param environment environment the action is for
 * @param decision    what became of it
 * @param detail      a sentence on why, or what changed
 * @param operationId operation the record belongs to, if any
 */
public record AuditEntry(String actorId, String actorName, String teamId, String channelId,
                         String commandText, String action, String target, String environment,
                         AuditDecision decision, String detail, String operationId) {

    public AuditEntry {
        if (actorId == null || actorId.isBlank()) {
            throw new IllegalArgumentException("an audit entry needs an actor");
        }
        if (action == null || action.isBlank()) {
            throw new IllegalArgumentException("an audit entry needs an action");
        }
        if (decision == null) {
            throw new IllegalArgumentException("an audit entry needs a decision");
        }
    }

    /** Starts an entry for an actor; the builder names every other field. */
    public static Builder by(String actorId, String actorName) {
        return new Builder(actorId, actorName);
    }

    /** Fluent construction, since most records leave several fields empty. */
    public static final class Builder {
        private final String actorId;
        private final String actorName;
        private String teamId;
        private String channelId;
        private String commandText;
        private String target;
        private String environment;
        private String operationId;

        private Builder(String actorId, String actorName) {
            this.actorId = actorId;
            this.actorName = actorName;
        }

        public Builder in(String teamId, String channelId) {
            this.teamId = teamId;
            this.channelId = channelId;
            return this;
        }

        public Builder command(String commandText) {
            this.commandText = commandText;
            return this;
        }

        public Builder target(String target, String environment) {
            this.target = target;
            this.environment = environment;
            return this;
        }

        public Builder operation(String operationId) {
            this.operationId = operationId;
            return this;
        }

        public AuditEntry decided(String action, AuditDecision decision, String detail) {
            return new AuditEntry(actorId, actorName, teamId, channelId, commandText, action, target,
                    environment, decision, detail, operationId);
        }
    }
}
