package dev.ticketsmith.jobs;

import java.util.Map;

/**
 * Long work of one kind (a {@code pg_dump}, a {@code pg_restore}, a validation pack), run by
 * {@link Jobs} on whichever replica claims it. A run may be repeated after its replica died, so
 * it must be safe to run again (a new archive name, a scratch database dropped first).
 */
public interface JobHandler {

    /** The kind of job this handler runs, as submitted. */
    String kind();

    /**
     * Runs the job; what it returns is the job's result. A thrown exception fails it, with the
     * exception's message as the reason people see.
     *
     * @param progress where to say how far it got (shown in the live message)
     */
    Map<String, String> run(Map<String, String> params, JobProgress progress) throws Exception;
}
