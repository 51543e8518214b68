package dev.ticketsmith.ops.promote;

import dev.ticketsmith.kube.PodRun;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * Where an image (a digest) has run and how well: the pods of one environment that run it, how many
 * are ready, how often they restarted, and since when the earliest has been running. The guardrail
 * accepts it when every such pod is ready, none restarted, and it has run for at least the time the
 * target environment asks for.
 *
 * @param environment where it ran
 * @param digest      the digest ({@code sha256:…})
 * @param pods        pods running it
 * @param ready       of those, how many are ready
 * @param restarts    restarts of its container, summed over those pods
 * @param since       when the earliest of them started running it, if any runs
 */
public record Provenance(String environment, String digest, int pods, int ready, int restarts, Optional<Instant> since) {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** The evidence for {@code digest} among an environment's pods. */
    public static Provenance of(String environment, String digest, List<PodRun> runs) {
        List<PodRun> running = runs.stream().filter(r -> r.digest().filter(digest::equals).isPresent()).toList();
        return new Provenance(environment, digest, running.size(), (int) running.stream().filter(PodRun::ready).count(),
                running.stream().mapToInt(PodRun::restarts).sum(),
                running.stream().flatMap(r -> r.runningSince().stream()).min(Instant::compareTo));
    }

    /** How long it has run there, as of {@code now}. */
    public Duration ranFor(Instant now) {
        return since.map(s -> Duration.between(s, now)).filter(d -> !d.isNegative()).orElse(Duration.ZERO);
    }

    /** Why the guardrail refuses it ({@code healthyFor} in this environment), or empty when it accepts it. */
    public Optional<String> refusal(Duration healthyFor, Instant now) {
        if (pods == 0) {
            return Optional.of("`" + short12() + "` does not run in " + environment);
        }
        if (ready < pods) {
            return Optional.of("`" + short12() + "` is not healthy in " + environment + ": " + ready + "/" + pods + " pods ready");
        }
        if (restarts > 0) {
            return Optional.of("`" + short12() + "` is not healthy in " + environment + ": " + restarts + " restart" + (restarts == 1 ? "" : "s"));
        }
        if (ranFor(now).compareTo(healthyFor) < 0) {
            return Optional.of("`" + short12() + "` has run in " + environment + " for " + human(ranFor(now)) + ", less than the "
                    + human(healthyFor) + " required");
        }
        return Optional.empty();
    }

    /** One line for people: where it ran, since when, and its health there. */
    public String line(Instant now) {
        if (pods == 0) {
            return "`" + short12() + "` does not run in " + environment;
        }
        return "`" + short12() + "` has run in " + environment + since.map(s -> " since " + WHEN.format(s) + " (" + human(ranFor(now)) + ")").orElse("")
                + ": " + ready + "/" + pods + " pods ready, " + restarts + " restart" + (restarts == 1 ? "" : "s");
    }

    private String short12() {
        String hex = digest.startsWith("sha256:") ? digest.substring(7) : digest;
        return "sha256:" + hex.substring(0, Math.min(12, hex.length()));
    }

    public static String human(Duration d) {
        long minutes = d.toMinutes();
        if (minutes < 1) {
            return d.toSeconds() + "s";
        }
        if (minutes < 120) {
            return minutes + "m";
        }
        long hours = d.toHours();
        return hours < 48 ? hours + "h " + (minutes % 60) + "m" : d.toDays() + "d " + (hours % 24) + "h";
    }
}
