package dev.ticketsmith.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Just enough of a Dockerfile reader for tests: comments dropped, continuation lines joined, the
 * instructions grouped by {@code FROM} into stages.
 */
record Dockerfile(List<Stage> stages) {

    /** One instruction: its keyword in upper case and the rest of the line. */
    record Instruction(String keyword, String args) {
        @Override
        public String toString() {
            return keyword + " " + args;
        }
    }

    /** A stage: its base image, its name ({@code AS …}, or the image) and its instructions. */
    record Stage(String image, String name, List<Instruction> instructions) {

        List<String> runs() {
            return instructions.stream().filter(i -> i.keyword().equals("RUN")).map(Instruction::args).toList();
        }

        /** The {@code ARG} line that declares {@code argName}. */
        String arg(String argName) {
            return instructions.stream().filter(i -> i.keyword().equals("ARG") && i.args().trim().split("=")[0].equals(argName))
                    .map(Instruction::args).findFirst().orElseThrow(() -> new AssertionError("no ARG " + argName + " in stage " + name));
        }
    }

    Stage runtime() {
        return stages.get(stages.size() - 1);
    }

    static Dockerfile parse(String text) {
        List<Stage> stages = new ArrayList<>();
        List<Instruction> current = null;
        StringBuilder logical = new StringBuilder();
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#")) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                logical.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            logical.append(trimmed);
            if (!logical.toString().isBlank()) {
                lines.add(logical.toString().strip());
            }
            logical.setLength(0);
        }
        for (String line : lines) {
            String[] parts = line.split("\\s+", 2);
            Instruction instruction = new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : "");
            if (instruction.keyword().equals("FROM")) {
                String[] from = instruction.args().split("\\s+");
                String name = from.length >= 3 && from[1].equalsIgnoreCase("AS") ? from[2] : from[0];
                current = new ArrayList<>();
                stages.add(new Stage(from[0], name, current));
            } else if (current != null) {
                current.add(instruction);
            }
        }
        return new Dockerfile(List.copyOf(stages));
    }
}
