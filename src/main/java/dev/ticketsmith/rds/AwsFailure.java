package dev.ticketsmith.rds;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A failed AWS call, sorted into what a step should do about it. {@link Kind#THROTTLED} and
 * {@link Kind#TRANSIENT} mean "check again later"; every other kind is a failure to report. Keeps
 * the AWS error code, HTTP status and AWS's own message (never credentials or request ids).
 */
public class AwsFailure extends RuntimeException {

    /** What kind of failure, from the step's point of view. */
    public enum Kind {
        /** AWS asked us to slow down: check again after a backoff. */
        THROTTLED,
        /** AWS or the network failed this once (5xx, connection, timeout): check again later. */
        TRANSIENT,
        NOT_FOUND,
        /** AWS has no capacity for this instance class in this Availability Zone right now. */
        CAPACITY,
        QUOTA,
        ACCESS_DENIED,
        /** Something of that name already exists (and is not ours to reuse). */
        CONFLICT,
        /** Every other client error: a wrong state, parameter or combination. */
        INVALID
    }

    private static final Set<String> THROTTLING = Set.of("Throttling", "ThrottlingException", "ThrottledException",
            "RequestLimitExceeded", "TooManyRequestsException", "RequestThrottled", "RequestThrottledException",
            "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException", "BandwidthLimitExceeded");
    private static final Set<String> ACCESS_DENIED = Set.of("AccessDenied", "AccessDeniedException", "UnauthorizedOperation",
            "UnrecognizedClientException", "InvalidClientTokenId", "AuthFailure", "ExpiredToken", "ExpiredTokenException",
            "SignatureDoesNotMatch", "NotAuthorized");

    private final Kind kind;
    private final String code;
    private final int status;
    private final String awsMessage;

    public AwsFailure(Kind kind, String code, int status, String message, String awsMessage) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.status = status;
        this.awsMessage = awsMessage;
    }

    /** Classifies an SDK exception; {@code action} says what we tried ("restore orders-prod-rt-7"). */
    public static AwsFailure of(String action, SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            String awsMessage = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorMessage();
            Kind kind = kindOf(code, service.statusCode(), service.isThrottlingException());
            String detail = (code == null ? "HTTP " + service.statusCode() : code) + (awsMessage == null ? "" : ": " + awsMessage);
            return new AwsFailure(kind, code, service.statusCode(), action + " failed: " + detail + advice(kind), awsMessage);
        }
        Kind kind = e instanceof SdkClientException ? Kind.TRANSIENT : Kind.INVALID;
        return new AwsFailure(kind, null, 0, action + " failed: " + e.getMessage(), e.getMessage());
    }

    /** Runs one SDK call and turns its exception, if any, into an {@code AwsFailure}. */
    static <T> T calling(String action, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw of(action, e);
        }
    }

    /** Like {@link #calling}, for a look-up: "not found" is an empty answer, not a failure. */
    static <T> Optional<T> lookingUp(String action, Supplier<Optional<T>> call) {
        try {
            return calling(action, call);
        } catch (AwsFailure f) {
            if (f.kind() == Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw f;
        }
    }

    static Kind kindOf(String code, int status, boolean sdkSaysThrottling) {
        if ((code != null && THROTTLING.contains(code)) || status == 429 || sdkSaysThrottling) {
            return Kind.THROTTLED;
        }
        if (code != null && ACCESS_DENIED.contains(code)) {
            return Kind.ACCESS_DENIED;
        }
        if ("InsufficientDBInstanceCapacity".equals(code)) {
            return Kind.CAPACITY;
        }
        if (code != null && code.contains("QuotaExceeded")) {
            return Kind.QUOTA;
        }
        if (code != null && code.contains("NotFound")) {
            return Kind.NOT_FOUND;
        }
        if (code != null && code.contains("AlreadyExists")) {
            return Kind.CONFLICT;
        }
        if (status >= 500) {
            return Kind.TRANSIENT;
        }
        return status == 403 ? Kind.ACCESS_DENIED : Kind.INVALID;
    }

    private static String advice(Kind kind) {
        return switch (kind) {
            case CAPACITY -> ". AWS has no capacity for this instance class in this Availability Zone right now: "
                    + "try another instance class (the catalogue's instance-class override) or another Availability Zone, or try again later";
            case QUOTA -> ". Raise the quota in Service Quotas or delete instances or snapshots you no longer need";
            case ACCESS_DENIED -> ". The bot's IAM role lacks this permission";
            default -> "";
        };
    }

    /** True when a step should simply check again later. */
    public boolean retryLater() {
        return kind == Kind.THROTTLED || kind == Kind.TRANSIENT;
    }

    public Kind kind() {
        return kind;
    }

    /** The AWS error code ({@code DBSnapshotNotFound}), or null when the call never reached AWS. */
    public String code() {
        return code;
    }

    /** The HTTP status, or 0 when the call never reached AWS. */
    public int status() {
        return status;
    }

    /** AWS's own message, without our context. */
    public String awsMessage() {
        return awsMessage;
    }
}
