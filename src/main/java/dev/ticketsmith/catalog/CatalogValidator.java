package dev.ticketsmith.catalog;

import java.util.List;

/**
 * The catalogue-wide validation rules: names, the pipeline, the default environment, each
 * environment's settings, and each database (through {@link DatabaseRules}). Services are checked
 * per environment while they are resolved ({@link ServiceRules}).
 */
final class CatalogValidator {

    private final Checks checks;
    private final Problems problems;

    CatalogValidator(Problems problems) {
        this.problems = problems;
        this.checks = new Checks(problems);
    }

    void validate(Draft draft) {
        names("environments", draft.environmentNames(), "environment");
        names("services", draft.serviceNames(), "service");
        names("databases", draft.databaseNames(), "database");
        names("apiClients", draft.apiClientNames(), "API client");
        List<String> environments = draft.environmentNames();
        if (environments.isEmpty()) {
            checks.problem("environments", "at least one environment is required");
        }
        checks.unique("pipeline", draft.pipeline());
        for (int i = 0; i < draft.pipeline().size(); i++) {
            checks.exists(Problems.item("pipeline", i), draft.pipeline().get(i), environments, "environment");
        }
        draft.explicitDefaultEnvironment().ifPresent(name -> checks.exists("defaultEnvironment", name, environments, "environment"));
        if (draft.defaultEnvironment().isEmpty() && environments.size() > 1 && draft.readablePipeline().isPresent()) {
            checks.problem("defaultEnvironment", "required when there are several environments and no pipeline to take the first of");
        }
        draft.environments().values().forEach(environment -> environment(environment, environments));
        draft.environments().values().forEach(environment -> clients(environment, draft.apiClientNames()));
        draft.apiClients().values().forEach(client -> apiClient(client, environments));
        DatabaseRules databases = new DatabaseRules(problems, draft);
        draft.databases().values().forEach(databases::check);
    }

    private void names(String path, List<String> names, String kind) {
        for (String name : names) {
            if (!Checks.CATALOGUE_NAME.matcher(name).matches()) {
                checks.problem(Problems.join(path, name), kind + " names are typed in commands: use lower-case letters,"
                        + " digits and '-', starting with a letter, at most 63 characters");
            }
        }
    }

    private void environment(EnvironmentSpec environment, List<String> environments) {
        String path = Problems.join("environments", environment.name());
        checks.dnsLabel(path + ".namespace", environment.namespace());
        checks.channel(path + ".channel", environment.channel());
        checks.principals(path + ".requesters", environment.requesters());
        checks.principals(path + ".approvers", environment.approvers());
        checks.principals(path + ".oncall", environment.oncall());
        approvals(path + ".approvals", environment);
        checks.positive(path + ".approvalTtl", environment.approvalTtl());
        for (int i = 0; i < environment.freezes().size(); i++) {
            FreezeSpec freeze = environment.freezes().get(i);
            String item = Problems.item(path + ".freezes", i);
            try {
                java.time.ZoneId.of(freeze.timeZone());
                dev.ticketsmith.lock.FreezeWindow.problem(freeze).ifPresent(problem -> checks.problem(item, problem));
            } catch (java.time.DateTimeException e) {
                checks.problem(item + ".timeZone", "must be an IANA time zone such as Europe/Paris or America/New_York (got \""
                        + freeze.timeZone() + "\")");
            }
        }
        checks.unique(path + ".freezes", environment.freezes().stream().map(FreezeSpec::name).toList());
        environment.provenance().ifPresent(provenance -> {
            String gate = path + ".provenance.minHealthyIn";
            if (checks.exists(gate, provenance.minHealthyIn(), environments, "environment")
                    && provenance.minHealthyIn().equals(environment.name())) {
                checks.problem(gate, "must name another environment than " + environment.name());
            }
        });
    }

    /** API clients named in principals must exist, and may never approve. */
    private void clients(EnvironmentSpec environment, List<String> known) {
        String path = Problems.join("environments", environment.name());
        for (String role : List.of("requesters", "oncall")) {
            Principals principals = role.equals("requesters") ? environment.requesters() : environment.oncall();
            for (int i = 0; i < principals.clients().size(); i++) {
                checks.exists(Problems.item(path + "." + role + ".clients", i), principals.clients().get(i), known, "API client");
            }
        }
        if (!environment.approvers().clients().isEmpty()) {
            checks.problem(path + ".approvers.clients", "an API client can never approve: approvals come from people, in Slack");
        }
    }

    private void apiClient(ApiClientSpec client, List<String> environments) {
        String path = Problems.join("apiClients", client.name());
        if (client.tokenEnv().isPresent() == client.tokenFile().isPresent()) {
            checks.problem(path, "needs exactly one of tokenEnv (an environment variable) or tokenFile (a mounted Secret's file);"
                    + " a token is never written in the catalogue");
        }
        client.tokenEnv().ifPresent(env -> {
            if (!env.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                checks.problem(path + ".tokenEnv", "must be an environment variable name such as TICKETSMITH_PIPELINE_TOKEN (got \"" + env + "\")");
            }
        });
        if (client.scopes().isEmpty()) {
            checks.problem(path + ".scopes", "lists nothing the client may do: " + String.join(", ", ApiClientSpec.SCOPES)
                    + " or promote:<environment>");
        }
        for (int i = 0; i < client.scopes().size(); i++) {
            String scope = client.scopes().get(i);
            String item = Problems.item(path + ".scopes", i);
            if (scope.startsWith("promote:") && !scope.equals("promote:*")) {
                checks.exists(item, scope.substring("promote:".length()), environments, "environment");
            } else if (!ApiClientSpec.SCOPES.contains(scope)) {
                checks.problem(item, "unknown scope \"" + scope + "\"" + Suggestions.hint(scope, ApiClientSpec.SCOPES) + "; known: "
                        + String.join(", ", ApiClientSpec.SCOPES) + " and promote:<environment>");
            }
        }
    }

    private void approvals(String path, EnvironmentSpec environment) {
        int required = environment.approvals();
        Principals approvers = environment.approvers();
        long users = approvers.users().stream().distinct().count();
        String approvals = required == 1 ? "1 approval" : required + " approvals";
        if (required < 0) {
            checks.problem(path, "must be 0 (no approval) or more (got " + required + ")");
        } else if (required > 0 && approvers.isEmpty()) {
            checks.problem(path, approvals + " required but no approvers are configured");
        } else if (required > 0 && approvers.groups().isEmpty() && users < required) {
            checks.problem(path, approvals + " required but only " + users + (users == 1 ? " approver user" : " approver users")
                    + " and no groups");
        }
    }
}
