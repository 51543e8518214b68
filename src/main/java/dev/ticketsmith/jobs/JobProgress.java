package dev.ticketsmith.jobs;

/** Lets a running job say how far it got; the latest word is kept with the job. */
@FunctionalInterface
public interface JobProgress {

    void report(String progress);
}
