package dev.ticketsmith.ops.promote;

import dev.ticketsmith.ops.engine.StepAction;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.ops.engine.StepResult;
import dev.ticketsmith.release.Releases;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * {@code release.record}: the last step of a promotion or rollback that succeeded: the release it
 * made (image, digest, operation, requester) becomes the service's current release there, in the
 * same transaction as the step's record.
 */
@ApplicationScoped
public class ReleaseRecordStep implements StepAction {

    private final Releases releases;

    ReleaseRecordStep(Releases releases) {
        this.releases = releases;
    }

    @Override
    public String type() {
        return "release.record";
    }

    @Override
    public StepResult reconcile(StepContext ctx) {
        String image = ctx.handle(Handles.IMAGE).orElseThrow();
        releases.record(ctx.target(), ctx.environment(), image, ctx.handle(Handles.DIGEST).orElse(null), UUID.fromString(ctx.operationId()),
                ctx.step().param("kind", ctx.kind()), ctx.requesterId(), ctx.requesterName(), ctx.now());
        return StepResult.done(ctx.target() + " in " + ctx.environment() + " now runs " + image);
    }
}
