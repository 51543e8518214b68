package dev.ticketsmith.rds;

import java.util.List;
import java.util.Optional;

/**
 * What the catalogue says a restored instance should have instead of the source instance's
 * settings. An empty value means "as the source instance has it".
 */
public record RestoreOverrides(Optional<String> instanceClass, Optional<String> parameterGroup, Optional<String> optionGroup,
        Optional<List<String>> vpcSecurityGroupIds, Optional<String> subnetGroup, Optional<Boolean> multiAz,
        Optional<Boolean> deletionProtection) {

    public static RestoreOverrides none() {
        return new RestoreOverrides(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }
}
