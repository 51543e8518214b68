package dev.ticketsmith.catalog;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A catalogue could not be read or is invalid.
 *
 * <p>It carries every problem found, not only the first; {@link #getMessage()} lists them one per
 * line, each prefixed with the source name the way a compiler reports errors:
 * <pre>
 * catalog.yaml: services.checkout.traffic.router: must be one of alb-ingress, http-route, replicas (got "alb")
 * catalog.yaml: environments.production.approvals: 3 approvals required but only 2 approver users and no groups
 * </pre>
 */
public final class CatalogException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String sourceName;
    private final transient List<Problem> problems;

    CatalogException(String sourceName, List<Problem> problems) {
        super(render(sourceName, problems));
        this.sourceName = sourceName;
        this.problems = List.copyOf(problems);
    }

    /** The file name or other label of the catalogue that failed. */
    public String sourceName() {
        return sourceName;
    }

    /** Every problem found, in the order found (structure first, then rules); never empty. */
    public List<Problem> problems() {
        return problems;
    }

    private static String render(String sourceName, List<Problem> problems) {
        return problems.stream()
                .map(problem -> sourceName + ": " + problem)
                .collect(Collectors.joining("\n"));
    }
}
