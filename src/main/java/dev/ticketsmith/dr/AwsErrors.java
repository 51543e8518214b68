package dev.ticketsmith.dr;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** How an AWS failure reads in a check's one-line detail: the action and the error code, never the raw message. */
final class AwsErrors {

    private AwsErrors() {
    }

    /** S3 says {@code AccessDenied} (403), KMS {@code AccessDeniedException} (400). */
    static boolean accessDenied(SdkException e) {
        return e instanceof AwsServiceException service
                && (service.statusCode() == 403 || code(service).startsWith("AccessDenied"));
    }

    static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "" : e.awsErrorDetails().errorCode();
    }

    /** Why {@code action} (e.g. {@code kms:DescribeKey}) gave no answer. */
    static String why(String action, SdkException e) {
        if (accessDenied(e)) {
            return "access denied to " + action;
        }
        if (e instanceof AwsServiceException service) {
            return action + " failed with " + (code(service).isEmpty() ? "HTTP " + service.statusCode() : code(service));
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        return action + " got no answer (" + (message.length() > 120 ? message.substring(0, 120) + "…" : message) + ")";
    }
}
