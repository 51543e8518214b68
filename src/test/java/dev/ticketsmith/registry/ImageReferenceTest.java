package dev.ticketsmith.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link ImageReference} reads references as Docker does. */
class ImageReferenceTest {

    private static final String D = "sha256:" + "0123456789abcdef".repeat(4);
    private static final String E = "sha256:" + "fedcba9876543210".repeat(4);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        # written                                                | registry                                     | repository      | tag          | digest | toString                                                      | withDigest(E)
        nginx                                                    | registry-1.docker.io                         | library/nginx   | latest       | -      | nginx:latest                                                  | nginx@E
        nginx:1.2                                                | registry-1.docker.io                         | library/nginx   | 1.2          | -      | nginx:1.2                                                     | nginx@E
        '  nginx:1.2  '                                          | registry-1.docker.io                         | library/nginx   | 1.2          | -      | nginx:1.2                                                     | nginx@E
        team/app:1.2                                             | registry-1.docker.io                         | team/app        | 1.2          | -      | team/app:1.2                                                  | team/app@E
        team/sub/app                                             | registry-1.docker.io                         | team/sub/app    | latest       | -      | team/sub/app:latest                                           | team/sub/app@E
        docker.io/nginx:1.25                                     | registry-1.docker.io                         | library/nginx   | 1.25         | -      | docker.io/nginx:1.25                                          | docker.io/nginx@E
        docker.io/library/nginx                                  | registry-1.docker.io                         | library/nginx   | latest       | -      | docker.io/library/nginx:latest                                | docker.io/library/nginx@E
        index.docker.io/team/app:2                               | registry-1.docker.io                         | team/app        | 2            | -      | index.docker.io/team/app:2                                    | index.docker.io/team/app@E
        ghcr.io/org/app:1.2                                      | ghcr.io                                      | org/app         | 1.2          | -      | ghcr.io/org/app:1.2                                           | ghcr.io/org/app@E
        GHCR.io/org/app:1.2                                      | ghcr.io                                      | org/app         | 1.2          | -      | GHCR.io/org/app:1.2                                           | GHCR.io/org/app@E
        localhost:5000/app:1.2                                   | localhost:5000                               | app             | 1.2          | -      | localhost:5000/app:1.2                                        | localhost:5000/app@E
        localhost/app                                            | localhost                                    | app             | latest       | -      | localhost/app:latest                                          | localhost/app@E
        localhost:5000                                           | registry-1.docker.io                         | library/localhost | 5000       | -      | localhost:5000                                                | localhost@E
        123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.4.2   | 123456789012.dkr.ecr.eu-west-1.amazonaws.com | app             | 1.4.2        | -      | 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.4.2        | 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app@E
        registry:5000/a/b@D                                      | registry:5000                                | a/b             | -            | D      | registry:5000/a/b@D                                           | registry:5000/a/b@E
        app:1.2@D                                                | registry-1.docker.io                         | library/app     | 1.2          | D      | app:1.2@D                                                     | app@E
        app@D                                                    | registry-1.docker.io                         | library/app     | -            | D      | app@D                                                         | app@E
        '[::1]:5000/team/app:v1'                                 | '[::1]:5000'                                 | team/app        | v1           | -      | '[::1]:5000/team/app:v1'                                      | '[::1]:5000/team/app@E'
        registry.example.com:443/a.b/c__d/e-f--g:v1.2.3-rc_1     | registry.example.com:443                     | a.b/c__d/e-f--g | v1.2.3-rc_1  | -      | registry.example.com:443/a.b/c__d/e-f--g:v1.2.3-rc_1          | registry.example.com:443/a.b/c__d/e-f--g@E
        app:_Build.7                                             | registry-1.docker.io                         | library/app     | _Build.7     | -      | app:_Build.7                                                  | app@E
        """)
    void readsReferences(String written, String registry, String repository, String tag, String digest,
                         String shown, String pinned) {
        ImageReference reference = ImageReference.parse(expand(written));

        assertEquals(registry, reference.registry());
        assertEquals(repository, reference.repository());
        assertEquals(Optional.ofNullable(tag), reference.tag());
        assertEquals(Optional.ofNullable(digest).map(ImageReferenceTest::expand), reference.digest());
        assertEquals(expand(shown), reference.toString());
        assertEquals(expand(pinned), reference.withDigest(E));
        assertEquals(reference, ImageReference.parse(reference.toString()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        # written                              | the message says
        ''                                     | the image reference is empty
        '   '                                  | the image reference is empty
        my app:1.2                             | has spaces in it
        Team/app:1.2                           | upper-case letters in its repository name; registries only accept lower-case (try `team/app`)
        ghcr.io/Org/App:1.2                    | upper-case letters in its repository name; registries only accept lower-case (try `org/app`)
        NGINX                                  | upper-case letters
        app:                                   | has no tag after it
        app:-1                                 | has a tag that registries refuse
        app:1.2!                               | has a tag that registries refuse
        app:1.2@sha256:abc                     | has a digest that is not `sha256:` followed by 64 lower-case hex characters
        app@sha256:0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF | has a digest that is not
        app@md5:0123456789abcdef0123456789abcdef | has a digest that is not
        app@                                   | has a digest that is not
        app@D@D                                | has a digest that is not
        @D                                     | has an empty part in its name
        :1.2                                   | has an empty part in its name
        a//b                                   | has an empty part in its name
        /app                                   | has an empty part in its name
        app/                                   | has an empty part in its name
        ghcr.io/                               | has an empty part in its name
        ghcr.io//app                           | has an empty part in its name
        -app                                   | has `-app` in its repository name
        app_                                   | has `app_` in its repository name
        team/a$p                               | has `a$p` in its repository name
        bad_host.io/app                        | names a registry host `bad_host.io` that is not a valid host[:port]
        ghcr.io:99999999/app                   | names a registry host
        ghcr.io:/app                           | names a registry host
        """)
    void refusesMalformedReferences(String written, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageReference.parse(expand(written)));

        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void refusesNull() {
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parse(null));
    }

    @Test
    void refusesTooLongTagsAndNames() {
        assertTrue(ImageReference.parse("app:" + "t".repeat(128)).tag().isPresent());
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("app:" + "t".repeat(129)));
        String longName = "ghcr.io/" + "a".repeat(247);
        assertEquals(255, ImageReference.parse(longName).registry().length() + 1
                + ImageReference.parse(longName).repository().length());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageReference.parse(longName + "b"));
        assertTrue(e.getMessage().contains("longer than 255"), e.getMessage());
        assertTrue(e.getMessage().length() < 200, e.getMessage());
    }

    @Test
    void pinningRefusesABadDigest() {
        ImageReference reference = ImageReference.parse("nginx:1.2");

        assertThrows(IllegalArgumentException.class, () -> reference.withDigest("sha256:abc"));
    }

    @Test
    void dockerHubIsShownAsPeopleWriteIt() {
        ImageReference hub = ImageReference.parse("nginx");
        ImageReference ghcr = ImageReference.parse("ghcr.io/org/app:1");

        assertEquals("docker.io/library/nginx", hub.fullName());
        assertTrue(hub.isDockerHub());
        assertEquals("ghcr.io/org/app", ghcr.fullName());
    }

    @Test
    void aReferenceNeedsATagOrADigest() {
        assertThrows(IllegalArgumentException.class, () -> new ImageReference(
                "nginx", ImageReference.DOCKER_HUB, "library/nginx", Optional.empty(), Optional.empty()));
    }

    private static String expand(String text) {
        return text.equals("D") ? D : text.replace("@D", "@" + D).replace("@E", "@" + E);
    }
}
