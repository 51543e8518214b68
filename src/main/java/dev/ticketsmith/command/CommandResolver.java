package dev.ticketsmith.command;

import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.DatabaseSpec;
import dev.ticketsmith.command.ResolvedRequest.TargetKind;
import dev.ticketsmith.policy.Action;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Ties a parsed command to the catalogue: the service, database or environment it names must
 * exist (else "did you mean"), a missing environment takes the catalogue's default (a database's
 * own environment for backup and restore), and the policy action is chosen.
 */
public final class CommandResolver {

    private final Catalog catalog;

    public CommandResolver(Catalog catalog) {
        this.catalog = catalog;
    }

    public Resolution resolve(Command command) {
        if (command instanceof Command.Promote p) {
            return p.fromPipeline() ? fromPipeline(p) : serviceIn(command, Action.PROMOTE, p.service(), p.environment());
        }
        if (command instanceof Command.Rollback r) {
            return serviceIn(command, Action.ROLLBACK, r.service(), r.environment());
        }
        if (command instanceof Command.Scale s) {
            return serviceIn(command, Action.SCALE, s.service(), s.environment());
        }
        if (command instanceof Command.Restore r) {
            return database(command, Action.RESTORE, r.database(), r.environment());
        }
        if (command instanceof Command.RestoreUndo u) {
            return database(command, Action.RESTORE, u.database(), u.environment());
        }
        if (command instanceof Command.RestoreTest t) {
            return database(command, Action.RESTORE_TEST, t.database(), t.environment());
        }
        if (command instanceof Command.Dr d && d.database().isPresent()) {
            return catalog.database(d.database().get()).isPresent()
                    ? resolved(command, Action.READ, d.database().get(), TargetKind.DATABASE, List.of())
                    : unresolved(command, unknown("database", d.database().get(), List.copyOf(catalog.databases().keySet())));
        }
        if (command instanceof Command.Backup b) {
            return database(command, Action.BACKUP, b.database(), b.environment());
        }
        if (command instanceof Command.Lock l) {
            return lockTarget(command, Action.LOCK, l.target());
        }
        if (command instanceof Command.Unlock u) {
            return lockTarget(command, Action.UNLOCK, u.target());
        }
        if (command instanceof Command.Status s && s.service().isPresent()) {
            String name = s.service().get();
            return catalog.service(name).isPresent()
                    ? resolved(command, Action.READ, name, TargetKind.SERVICE, List.of())
                    : unresolved(command, catalog.unknownService(name));
        }
        if (command instanceof Command.History h && h.service().isPresent()) {
            return historyTarget(command, h.service().get());
        }
        return resolved(command, Action.READ, null, TargetKind.NONE, List.of());
    }

    /**
     * A promotion without a version goes to the pipeline's last environment (or the one named) and
     * takes what runs in the environment before it, which must exist and run the service too.
     */
    private Resolution fromPipeline(Command.Promote p) {
        if (catalog.service(p.service()).isEmpty()) {
            return unresolved(p, catalog.unknownService(p.service()));
        }
        Optional<String> target = p.environment().or(catalog::endOfPipeline);
        if (target.isEmpty()) {
            return unresolved(p, "The catalogue has no `pipeline`, so say which version of `" + p.service() + "` to promote, like `promote "
                    + p.service() + " 1.4.2 to prod`.");
        }
        if (catalog.environment(target.get()).isEmpty()) {
            return unresolved(p, catalog.unknownEnvironment(target.get()));
        }
        Optional<String> source = catalog.previousInPipeline(target.get());
        if (source.isEmpty()) {
            return unresolved(p, "Nothing comes before " + target.get() + " in the pipeline (" + String.join(" → ", catalog.pipeline())
                    + "), so say which version of `" + p.service() + "` to promote there, like `promote " + p.service() + " 1.4.2 to "
                    + target.get() + "`.");
        }
        List<String> deployed = catalog.deployedIn(p.service());
        for (String env : List.of(source.get(), target.get())) {
            if (!deployed.contains(env)) {
                return unresolved(p, "`" + p.service() + "` does not run in " + env + "; it runs in " + String.join(", ", deployed) + ".");
            }
        }
        return resolved(p, Action.PROMOTE, p.service(), TargetKind.SERVICE, List.of(target.get()));
    }

    private Resolution serviceIn(Command command, Action action, String service, Optional<String> environment) {
        if (catalog.service(service).isEmpty()) {
            return unresolved(command, catalog.unknownService(service));
        }
        String env = environment.orElse(catalog.defaultEnvironment());
        if (catalog.environment(env).isEmpty()) {
            return unresolved(command, catalog.unknownEnvironment(env));
        }
        List<String> deployed = catalog.deployedIn(service);
        if (!deployed.contains(env)) {
            return unresolved(command, "`" + service + "` does not run in " + env + "; it runs in "
                    + String.join(", ", deployed) + ". Add `in <environment>` or `to <environment>`.");
        }
        return resolved(command, action, service, TargetKind.SERVICE, List.of(env));
    }

    private Resolution database(Command command, Action action, String name, Optional<String> environment) {
        Optional<DatabaseSpec> db = catalog.database(name);
        if (db.isEmpty()) {
            return unresolved(command, unknown("database", name, List.copyOf(catalog.databases().keySet())));
        }
        String home = db.get().environment();
        if (environment.isPresent() && !environment.get().equals(home)) {
            return unresolved(command, "`" + name + "` lives in " + home + ", not in " + environment.get()
                    + ". Leave out `in` or say `in " + home + "`.");
        }
        return resolved(command, action, name, TargetKind.DATABASE, List.of(home));
    }

    private Resolution lockTarget(Command command, Action action, String target) {
        if (catalog.environment(target).isPresent()) {
            return resolved(command, action, target, TargetKind.ENVIRONMENT, List.of(target));
        }
        if (catalog.service(target).isPresent()) {
            return resolved(command, action, target, TargetKind.SERVICE, catalog.deployedIn(target));
        }
        return unresolved(command, unknown("service or environment", target, lockables()));
    }

    private Resolution historyTarget(Command command, String name) {
        if (catalog.service(name).isPresent()) {
            return resolved(command, Action.READ, name, TargetKind.SERVICE, List.of());
        }
        if (catalog.database(name).isPresent()) {
            return resolved(command, Action.READ, name, TargetKind.DATABASE, List.of());
        }
        if (catalog.environment(name).isPresent()) {
            return resolved(command, Action.READ, name, TargetKind.ENVIRONMENT, List.of());
        }
        List<String> known = new ArrayList<>(lockables());
        known.addAll(catalog.databases().keySet());
        return unresolved(command, unknown("service, database or environment", name, known));
    }

    private List<String> lockables() {
        List<String> names = new ArrayList<>(catalog.services());
        names.addAll(catalog.environments().keySet());
        return names;
    }

    private static String unknown(String kind, String name, List<String> known) {
        List<String> close = Suggestions.closest(name, known, 3);
        String hint = close.isEmpty() ? "" : " Did you mean " + String.join(" or ", close.stream().map(c -> "`" + c + "`").toList()) + "?";
        return "There is no " + kind + " named `" + name + "`." + hint + " Known: "
                + (known.isEmpty() ? "none" : String.join(", ", known)) + ".";
    }

    private static Resolution resolved(Command command, Action action, String target, TargetKind kind, List<String> envs) {
        return new Resolution.Resolved(new ResolvedRequest(command, action, target, kind, envs));
    }

    private static Resolution unresolved(Command command, String problem) {
        return new Resolution.Unresolved(command.verb(), problem, Usage.of(command.verb()));
    }
}
