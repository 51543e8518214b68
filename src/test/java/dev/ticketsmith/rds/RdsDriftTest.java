package dev.ticketsmith.rds;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RdsDriftTest {

    @Test
    void aFaithfulRestoreHasNoDifferencesDespiteItsOwnTagsAndGroupOrder() {
        TestInstance source = TestInstance.production("orders-prod");
        source.tags.put("aws:cloudformation:stack-name", "orders");
        TestInstance restored = TestInstance.scratch("orders-rt-71", "op-71");
        restored.multiAz = true;
        restored.deletionProtection = true;
        restored.securityGroups = List.of("sg-0a1b2c3d4e5f60002", "sg-0a1b2c3d4e5f60001");

        ConfigDrift drift = ConfigDrift.between(source.toDbInstance(), restored.toDbInstance());

        assertFalse(drift.hasDifferences(), drift.toString());
        assertEquals(11, drift.rows().size());
    }

    @Test
    void flagsEachSettingThatDiffers() {
        TestInstance source = TestInstance.production("orders-prod");
        TestInstance restored = TestInstance.scratch("orders-rt-72", "op-72");
        restored.parameterGroup = "default.postgres16";
        restored.securityGroups = List.of("sg-0default");
        restored.caCertificate = "rds-ca-ecc384-g1";
        restored.tags.remove("cost-center");

        ConfigDrift drift = ConfigDrift.between(source.toDbInstance(), restored.toDbInstance());

        assertEquals(List.of("parameter group", "security groups", "Multi-AZ", "deletion protection", "CA certificate", "tags"),
                drift.differences().stream().map(ConfigDrift.Row::setting).toList());
        assertEquals(new ConfigDrift.Row("parameter group", "orders-pg16", "default.postgres16", true), drift.differences().get(0));
        assertEquals(new ConfigDrift.Row("security groups", "[sg-0a1b2c3d4e5f60001, sg-0a1b2c3d4e5f60002]", "[sg-0default]", true),
                drift.differences().get(1));
        assertEquals("{cost-center=cc-42, team=orders}", drift.differences().get(5).source());
        assertEquals("{team=orders}", drift.differences().get(5).restored());
        assertTrue(drift.rows().stream().filter(r -> r.setting().equals("KMS key")).noneMatch(ConfigDrift.Row::differs));
    }

    @Test
    void aMissingValueIsShownAsNone() {
        TestInstance source = TestInstance.production("orders-prod");
        TestInstance restored = TestInstance.scratch("orders-rt-73", "op-73");
        restored.optionGroup = null;

        ConfigDrift.Row option = ConfigDrift.between(source.toDbInstance(), restored.toDbInstance()).rows().stream()
                .filter(r -> r.setting().equals("option group")).findFirst().orElseThrow();

        assertEquals(new ConfigDrift.Row("option group", "default:postgres-16", "(none)", true), option);
    }
}
