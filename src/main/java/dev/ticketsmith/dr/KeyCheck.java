package dev.ticketsmith.dr;

import java.util.Optional;

/**
 * What KMS says about the key backups are encrypted with: enabled, and rotated (automatically for
 * AWS managed keys, by the rotation setting for customer managed ones).
 *
 * @param status OK when the key is enabled and rotates
 * @param detail one line for a DBA, e.g. {@code key alias/backups: arn:aws:kms:…:key/1234…, enabled,
 *        customer managed, rotation on (every 365 days)}
 * @param keyArn the key's ARN, when KMS told us
 */
public record KeyCheck(Status status, String detail, Optional<String> keyArn) {
}
