package dev.ticketsmith.rds;

/** Thrown instead of deleting an RDS instance that is not a restore test's scratch instance. */
public class NotScratchException extends RuntimeException {

    NotScratchException(DbInstance instance) {
        super("Refusing to delete RDS instance " + instance.id() + ": TICKETSMITH deletes only instances tagged "
                + RdsTags.MANAGED + "=true and " + RdsTags.PURPOSE + "=" + RdsTags.RESTORE_TEST + ", and this one has "
                + RdsTags.MANAGED + "=" + instance.tag(RdsTags.MANAGED) + ", " + RdsTags.PURPOSE + "=" + instance.tag(RdsTags.PURPOSE));
    }
}
