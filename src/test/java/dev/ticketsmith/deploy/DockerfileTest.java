package dev.ticketsmith.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Reads {@code docker/Dockerfile} and {@code .dockerignore} for what the image must be, since no
 * machine of this project can run Docker: a multi-stage build from source, base images by digest,
 * the application owned by root and run by a numeric non-root user, the PostgreSQL client programs
 * of a supported version, bounded JVM memory, and a build context that carries only the sources.
 */
class DockerfileTest {

    private static final Path DOCKERFILE = Path.of("docker/Dockerfile");
    private static final Path DOCKERIGNORE = Path.of(".dockerignore");

    @Test
    void buildsFromSourceInStagesOnDigestPinnedBases() throws IOException {
        Dockerfile file = Dockerfile.parse(Files.readString(DOCKERFILE));
        List<Dockerfile.Stage> stages = file.stages();
        assertTrue(stages.size() >= 2, "a build stage and a runtime stage, got " + stages.size());
        for (Dockerfile.Stage stage : stages) {
            assertTrue(stage.image().matches("[a-z0-9./_-]+(:[A-Za-z0-9._-]+)?@sha256:[0-9a-f]{64}"),
                    "FROM " + stage.image() + " is not pinned by digest");
            assertFalse(stage.image().contains(":latest"), stage.image());
        }
        Dockerfile.Stage build = stages.get(0);
        assertTrue(build.runs().stream().anyMatch(r -> r.contains("./mvnw") && r.contains(" package")),
                "the build stage packages with the Maven wrapper");
        Dockerfile.Stage runtime = file.runtime();
        assertTrue(runtime.instructions().stream().anyMatch(i -> i.keyword().equals("COPY")
                && i.args().contains("--from=" + build.name()) && i.args().contains("target/quarkus-app")),
                "the runtime stage takes target/quarkus-app from the build stage");
        assertTrue(runtime.image().contains("-jre"), "the runtime is a JRE image: " + runtime.image());
    }

    @Test
    void runsAsANumericNonRootUserOverRootOwnedFiles() throws IOException {
        Dockerfile.Stage runtime = Dockerfile.parse(Files.readString(DOCKERFILE)).runtime();
        List<Dockerfile.Instruction> users = runtime.instructions().stream().filter(i -> i.keyword().equals("USER")).toList();
        assertFalse(users.isEmpty(), "the runtime stage sets USER");
        String user = users.get(users.size() - 1).args().trim();
        assertTrue(user.matches("[0-9]+(:[0-9]+)?"), "USER must be numeric (runAsNonRoot checks it): " + user);
        for (String id : user.split(":")) {
            assertFalse(Integer.parseInt(id) == 0, "USER must not be root: " + user);
        }
        for (Dockerfile.Instruction i : runtime.instructions()) {
            if (i.keyword().equals("COPY") || i.keyword().equals("ADD")) {
                assertFalse(i.args().contains("--chown"), "files stay owned by root: " + i);
                assertFalse(i.args().contains("--chmod"), "modes are set in the build stage: " + i);
            }
            if (i.keyword().equals("RUN")) {
                assertFalse(i.args().matches("(?s).*\\bch(own|mod)\\b.*/deployments.*"), "nothing hands /deployments to the user: " + i);
            }
        }
        assertTrue(Dockerfile.parse(Files.readString(DOCKERFILE)).stages().get(0).runs().stream()
                .anyMatch(r -> r.contains("chmod -R u=rwX,go=rX target/quarkus-app")), "modes normalised before the copy");
    }

    @Test
    void carriesThePostgresqlClientProgramsOfASupportedVersion() throws IOException {
        Dockerfile.Stage runtime = Dockerfile.parse(Files.readString(DOCKERFILE)).runtime();
        Matcher arg = Pattern.compile("PG_CLIENT_MAJOR=(\\d+)").matcher(runtime.arg("PG_CLIENT_MAJOR"));
        assertTrue(arg.find(), "ARG PG_CLIENT_MAJOR with a default");
        assertTrue(Integer.parseInt(arg.group(1)) >= 15, "pg_dump/pg_restore 15 or newer, got " + arg.group(1));
        assertTrue(runtime.runs().stream().anyMatch(r -> r.contains("apt-get install") && r.contains("postgresql-client-${PG_CLIENT_MAJOR}")),
                "the runtime installs postgresql-client-${PG_CLIENT_MAJOR}");
        assertTrue(runtime.instructions().stream().anyMatch(i -> i.keyword().equals("ENV")
                && i.args().contains("PATH=\"/usr/lib/postgresql/${PG_CLIENT_MAJOR}/bin:")), "that version's bin first on PATH");
        assertTrue(runtime.runs().stream().anyMatch(r -> r.contains("rm -rf /var/lib/apt/lists/*")), "apt lists removed");
    }

    @Test
    void boundsTheJvmToTheContainersMemory() throws IOException {
        Dockerfile.Stage runtime = Dockerfile.parse(Files.readString(DOCKERFILE)).runtime();
        Dockerfile.Instruction entrypoint = runtime.instructions().stream().filter(i -> i.keyword().equals("ENTRYPOINT"))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no ENTRYPOINT"));
        String args = entrypoint.args().trim();
        assertTrue(args.startsWith("[") && args.endsWith("]"), "exec form, so java is PID 1 and gets SIGTERM: " + args);
        Matcher max = Pattern.compile("\"-XX:MaxRAMPercentage=(\\d+)\"").matcher(args);
        assertTrue(max.find(), "MaxRAMPercentage set");
        int percent = Integer.parseInt(max.group(1));
        assertTrue(percent >= 25 && percent <= 75, "heap share leaves room for the rest of the process: " + percent);
        assertTrue(args.contains("\"-XX:+ExitOnOutOfMemoryError\""), args);
        assertTrue(args.contains("\"-Djava.io.tmpdir=/tmp\""), args);
        assertTrue(args.contains("\"-jar\", \"/deployments/quarkus-run.jar\""), args);
        assertTrue(runtime.instructions().stream().anyMatch(i -> i.keyword().equals("EXPOSE") && i.args().trim().equals("8080")));
    }

    @Test
    void theContextCarriesTheSourcesAndNothingElse() throws IOException {
        DockerIgnore ignore = DockerIgnore.parse(Files.readString(DOCKERIGNORE));
        for (String excluded : List.of(".git/HEAD", "target/quarkus-app/quarkus-run.jar", "target", "src/test/java/A.java",
                "deploy/base/kustomization.yaml", "docs/operations.md", ".idea/workspace.xml", "ticketsmith.iml", ".env",
                "kubeconfig", "src/main/java/.DS_Store", ".ci/run")) {
            assertTrue(ignore.excludes(excluded), excluded + " must not reach the builder");
        }
        for (String included : List.of("mvnw", "pom.xml", ".mvn/wrapper/maven-wrapper.properties",
                "src/main/java/dev/ticketsmith/catalog/CatalogLoader.java", "src/main/resources/application.properties",
                "src/main/resources/db/migration/V1__audit_trail.sql")) {
            assertFalse(ignore.excludes(included), included + " is needed by the build");
        }
        // Whatever the build stage copies from the context must get through.
        for (Dockerfile.Stage stage : Dockerfile.parse(Files.readString(DOCKERFILE)).stages()) {
            for (Dockerfile.Instruction i : stage.instructions()) {
                if (i.keyword().equals("COPY") && !i.args().contains("--from")) {
                    List<String> words = List.of(i.args().trim().split("\\s+"));
                    for (String source : words.subList(0, words.size() - 1)) {
                        String path = source.endsWith("/") ? source + "x" : source;
                        assertFalse(ignore.excludes(path), "COPY " + source + " but .dockerignore leaves it out");
                        assertTrue(Files.exists(Path.of(source)), "COPY " + source + " names nothing in the repository");
                    }
                }
            }
        }
    }

    @Test
    void dockerIgnoreMatchingFollowsDockersRules() {
        DockerIgnore ignore = DockerIgnore.parse("*\n!src/main/\n**/*.tmp\n# comment\n");
        assertTrue(ignore.excludes("README.md"));
        assertTrue(ignore.excludes("src/test/A.java"));
        assertFalse(ignore.excludes("src/main/A.java"));
        assertTrue(ignore.excludes("src/main/deep/x.tmp"));
        DockerIgnore plain = DockerIgnore.parse("target\n");
        assertTrue(plain.excludes("target/classes/A.class"));
        assertFalse(plain.excludes("src/target.txt"));
        try {
            Dockerfile.parse("FROM a\nUSER 1\n").stages().get(0).arg("X");
            fail("a missing ARG is reported");
        } catch (AssertionError expected) {
            assertEquals("no ARG X in stage a", expected.getMessage());
        }
    }
}
