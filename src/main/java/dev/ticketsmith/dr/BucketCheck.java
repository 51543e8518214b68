package dev.ticketsmith.dr;

/**
 * Whether a bucket's default encryption is KMS, with the configured key when one is configured.
 *
 * @param status OK when the default rule is {@code aws:kms} or {@code aws:kms:dsse} with the expected key
 * @param detail one line for a DBA, e.g. {@code bucket acme-backups: default encryption aws:kms with
 *        arn:aws:kms:…:key/1234… (the configured key)}
 */
public record BucketCheck(Status status, String detail) {
}
