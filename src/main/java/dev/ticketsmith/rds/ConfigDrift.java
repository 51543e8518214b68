package dev.ticketsmith.rds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * How a restored instance's configuration differs from its source instance's, setting by setting:
 * what a restore test reports so that a real restore would not surprise anyone. Tags starting with
 * {@code ticketsmith:} or {@code aws:} are left out (the restore adds its own).
 */
public record ConfigDrift(List<Row> rows) {

    /** One setting: its value on the source, on the restored instance, and whether they differ. */
    public record Row(String setting, String source, String restored, boolean differs) {
    }

    public ConfigDrift {
        rows = List.copyOf(rows);
    }

    public static ConfigDrift between(DbInstance source, DbInstance restored) {
        List<Row> rows = new ArrayList<>();
        add(rows, "instance class", source, restored, DbInstance::instanceClass);
        add(rows, "parameter group", source, restored, DbInstance::parameterGroup);
        add(rows, "option group", source, restored, DbInstance::optionGroup);
        add(rows, "security groups", source, restored, i -> new TreeSet<>(i.vpcSecurityGroupIds()));
        add(rows, "subnet group", source, restored, DbInstance::subnetGroup);
        add(rows, "Multi-AZ", source, restored, DbInstance::multiAz);
        add(rows, "deletion protection", source, restored, DbInstance::deletionProtection);
        add(rows, "CA certificate", source, restored, DbInstance::caCertificateIdentifier);
        add(rows, "storage encrypted", source, restored, DbInstance::storageEncrypted);
        add(rows, "KMS key", source, restored, DbInstance::kmsKeyId);
        add(rows, "tags", source, restored, ConfigDrift::ownTags);
        return new ConfigDrift(rows);
    }

    /** Only the rows whose values differ. */
    public List<Row> differences() {
        return rows.stream().filter(Row::differs).toList();
    }

    public boolean hasDifferences() {
        return rows.stream().anyMatch(Row::differs);
    }

    private static void add(List<Row> rows, String setting, DbInstance source, DbInstance restored, Function<DbInstance, Object> value) {
        Object before = value.apply(source);
        Object after = value.apply(restored);
        rows.add(new Row(setting, text(before), text(after), !Objects.equals(before, after)));
    }

    private static String text(Object value) {
        return value == null ? "(none)" : value.toString();
    }

    private static Map<String, String> ownTags(DbInstance instance) {
        Map<String, String> tags = new TreeMap<>(instance.tags());
        tags.keySet().removeIf(k -> k.startsWith("ticketsmith:") || k.startsWith("aws:"));
        return tags;
    }
}
