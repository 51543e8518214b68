package dev.ticketsmith.slack;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import com.slack.api.webhook.WebhookResponse;
import dev.ticketsmith.config.SlackSettings;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import dev.ticketsmith.logging.LogContext;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one adapter for Slack's Web API: posts, in-place updates, ephemeral messages, replies to a
 * {@code response_url} and user-group look-ups. Every call honours 429 with {@code Retry-After}
 * and retries 5xx and network errors a bounded number of times; {@link #async} runs a call on a
 * worker pool, never on the thread that acknowledges Slack. Without a bot token (local dev) the
 * calls are logged instead of sent.
 */
@ApplicationScoped
public class SlackWebApi {

    private static final Logger LOG = Logger.getLogger(SlackWebApi.class);
    private static final int MAX_RATE_LIMITED_WAITS = 8;

    private final Slack slack;
    private final SlackSettings settings;
    private final MethodsClient methods;
    private final SlackCallCounter counter;
    private final ExecutorService worker;
    private final AtomicInteger dryRunTs = new AtomicInteger();

    SlackWebApi(Slack slack, SlackSettings settings, MeterRegistry registry) {
        this.slack = slack;
        this.settings = settings;
        this.methods = settings.botToken().map(slack::methods).orElse(null);
        this.counter = new SlackCallCounter(registry);
        this.worker = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "slack-web-api");
            t.setDaemon(true);
            return t;
        });
    }

    /** Posts a message and returns its {@code ts}. */
    public String postMessage(String channel, String threadTs, String text, List<LayoutBlock> blocks) {
        if (methods == null) {
            LOG.infof("[slack dry-run] chat.postMessage %s%s: %s", channel, threadTs == null ? "" : " thread " + threadTs, text);
            return "dry." + dryRunTs.incrementAndGet();
        }
        return call("chat.postMessage", m -> m.chatPostMessage(r -> r.channel(channel).threadTs(threadTs)
                .text(text).blocks(blocks).unfurlLinks(false))).getTs();
    }

    /**
     * Posts a message and returns its {@code ts}, giving up rather than wait past {@code within}
     * (a first post that a claim of bounded length covers).
     */
    public String postMessageWithin(Duration within, String channel, String text, List<LayoutBlock> blocks) {
        if (methods == null) {
            return postMessage(channel, null, text, blocks);
        }
        return call("chat.postMessage", within, m -> m.chatPostMessage(r -> r.channel(channel).text(text).blocks(blocks).unfurlLinks(false)))
                .getTs();
    }

    /** Deletes a message this bot posted. */
    public void deleteMessage(String channel, String ts) {
        if (methods == null) {
            LOG.infof("[slack dry-run] chat.delete %s %s", channel, ts);
            return;
        }
        call("chat.delete", m -> m.chatDelete(r -> r.channel(channel).ts(ts)));
    }

    /** Replaces the text and blocks of a message this bot posted. */
    public void updateMessage(String channel, String ts, String text, List<LayoutBlock> blocks) {
        if (methods == null) {
            LOG.infof("[slack dry-run] chat.update %s %s: %s", channel, ts, text);
            return;
        }
        call("chat.update", m -> m.chatUpdate(r -> r.channel(channel).ts(ts).text(text).blocks(blocks)));
    }

    /** Shows a message to one user only. */
    public void postEphemeral(String channel, String user, String text, List<LayoutBlock> blocks) {
        if (methods == null) {
            LOG.infof("[slack dry-run] chat.postEphemeral %s to %s: %s", channel, user, text);
            return;
        }
        call("chat.postEphemeral", m -> m.chatPostEphemeral(r -> r.channel(channel).user(user).text(text).blocks(blocks)));
    }

    /** The members of a user group ({@code usergroups.users.list}). */
    public Set<String> userGroupMembers(String groupId) {
        if (methods == null) {
            return Set.of();
        }
        return new HashSet<>(call("usergroups.users.list", m -> m.usergroupsUsersList(r -> r.usergroup(groupId))).getUsers());
    }

    /** Answers a slash command or interaction through its {@code response_url}. */
    public void respond(String responseUrl, SlackReply reply) {
        String json = GsonFactory.createSnakeCase().toJson(Map.of(
                "response_type", reply.inChannel() ? "in_channel" : "ephemeral",
                "replace_original", reply.replaceOriginal(),
                "text", reply.text(),
                "blocks", reply.blocks()));
        withRetries("response_url", () -> {
            WebhookResponse r = slack.send(responseUrl, json);
            boolean ok = r.getCode() >= 200 && r.getCode() < 300;
            return new HttpOutcome(r.getCode(), ok ? null : "HTTP " + r.getCode() + " " + r.getBody());
        });
    }

    /** Runs a call on the worker pool, with the caller's log context; failures are logged, never thrown at the caller. */
    public CompletableFuture<Void> async(String what, Runnable call) {
        return CompletableFuture.runAsync(LogContext.carried(call), worker).exceptionally(e -> {
            LOG.warnf("Slack call failed (%s): %s", what, rootMessage(e));
            return null;
        });
    }

    @FunctionalInterface
    interface MethodsCall<T extends SlackApiTextResponse> {
        T run(MethodsClient methods) throws IOException, SlackApiException;
    }

    <T extends SlackApiTextResponse> T call(String method, MethodsCall<T> call) {
        return call(method, null, call);
    }

    <T extends SlackApiTextResponse> T call(String method, Duration within, MethodsCall<T> call) {
        return withRetries(method, within, () -> attempt(call)).<T>value();
    }

    private <T extends SlackApiTextResponse> HttpOutcome attempt(MethodsCall<T> call) throws IOException {
        try {
            T response = call.run(methods);
            if (response.isOk()) {
                return new HttpOutcome(200, null, response);
            }
            return new HttpOutcome("ratelimited".equals(response.getError()) ? 429 : 200, response.getError());
        } catch (SlackApiException e) {
            return new HttpOutcome(e.getResponse().code(), "HTTP " + e.getResponse().code(),
                    null, e.getResponse().header("Retry-After"));
        }
    }

    /**
     * One {@code auth.test}, counted but never retried (the reachability report): the team and bot
     * user it names, or {@link SlackCallFailed} saying why not.
     */
    public String authTestOnce() {
        if (methods == null) {
            throw new SlackCallFailed("auth.test", "no bot token: Slack calls are logged, not sent", null);
        }
        HttpOutcome outcome;
        try {
            outcome = attempt(m -> m.authTest(r -> r));
        } catch (IOException e) {
            outcome = HttpOutcome.networkError(e);
        }
        counter.count("auth.test", outcome);
        if (!outcome.ok()) {
            throw new SlackCallFailed("auth.test", outcome.error(), outcome.cause());
        }
        com.slack.api.methods.response.auth.AuthTestResponse r = outcome.value();
        return "team " + r.getTeam() + ", bot user " + r.getUserId();
    }

    private HttpOutcome withRetries(String method, HttpCall call) {
        return withRetries(method, null, call);
    }

    private HttpOutcome withRetries(String method, Duration within, HttpCall call) {
        RetryPolicy policy = new RetryPolicy(settings.maxRetries(), MAX_RATE_LIMITED_WAITS, settings.maxRetryAfter(), within);
        while (true) {
            HttpOutcome outcome;
            try {
                outcome = call.run();
            } catch (IOException e) {
                outcome = HttpOutcome.networkError(e);
            }
            counter.count(method, outcome);
            if (outcome.ok()) {
                return outcome;
            }
            var wait = policy.nextWait(outcome);
            if (wait.isEmpty()) {
                throw new SlackCallFailed(method, outcome.error(), outcome.cause());
            }
            sleep(wait.get().toMillis());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlackCallFailed("sleep", "interrupted while waiting to retry", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    @PreDestroy
    void stop() {
        worker.shutdown();
    }
}
