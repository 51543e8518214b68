package dev.ticketsmith.command;

/** The part a word plays in a command: what it is called in messages and an example of it. */
enum Role {
  SERVICE("a service", "checkout", true),
  DATABASE("a database", "orders", true),
  ENVIRONMENT("an environment", "prod", true),
  TARGET("a service or environment", "prod", true),
  ARTIFACT("a version or image", "1.4.2", false),
  VERSION("a version", "1.4.1", false),
  SNAPSHOT("a snapshot", "orders-2024-05-01", false),
  DURATION("a duration", "2h", false),
  NUMBER("a number", "20", false);

  private final String noun;
  private final String example;
  private final boolean name;

  Role(String noun, String example, boolean name) {
    this.noun = noun;
    this.example = example;
    this.name = name;
  }

  /** The noun with its article, e.g. "an environment". */
  String noun() {
    return noun;
  }

  /** The noun without its article, e.g. "environment". */
  String bare() {
    return noun.substring(noun.indexOf(' ') + 1);
  }

  /** A valid example value. */
  String example() {
    return example;
  }

  /** Whether the value is a lower-case name (rather than a version, image or snapshot). */
  boolean isName() {
    return name;
  }
}
