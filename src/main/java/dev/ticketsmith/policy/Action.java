package dev.ticketsmith.policy;

/** What a user asks the bot to do, as far as permissions are concerned. */
public enum Action {
    /** Status, history and help: open to everyone. */
    READ("read"),
    PROMOTE("promote"),
    ROLLBACK("roll back"),
    SCALE("scale"),
    RESTORE("restore databases"),
    BACKUP("back up databases"),
    RESTORE_TEST("run restore tests"),
    LOCK("lock"),
    UNLOCK("unlock"),
    /** Approve someone else's operation. */
    APPROVE("approve operations");

    private final String verb;

    Action(String verb) {
        this.verb = verb;
    }

    /** The action as it reads after "may", for example {@code roll back}. */
    public String verb() {
        return verb;
    }
}
