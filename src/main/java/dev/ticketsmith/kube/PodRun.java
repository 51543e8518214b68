package dev.ticketsmith.kube;

import java.time.Instant;
import java.util.Optional;

/**
 * One pod of a Deployment as the kubelet reports it for the service's container: what it runs (the
 * image as written, the digest it pulled), whether it is ready, how often the container restarted and
 * since when it has been running.
 *
 * @param pod          the pod's name
 * @param image        the container's image as the pod spec writes it
 * @param digest       {@code sha256:…} from the container status's {@code imageID}, or empty
 * @param ready        the container is ready
 * @param restarts     the container's restart count
 * @param runningSince when the container last started running, or empty when it is not running
 */
public record PodRun(String pod, String image, Optional<String> digest, boolean ready, int restarts, Optional<Instant> runningSince) {
}
