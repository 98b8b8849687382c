package io.thanosjvm.query.rules;

import io.thanosjvm.query.endpoint.RulesEndpoint;
import io.thanosjvm.wire.rulespb.RuleGroup;
import io.thanosjvm.wire.rulespb.RulesRequest;
import io.thanosjvm.wire.rulespb.RulesResponse;
import io.thanosjvm.wire.storepb.PartialResponseStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The querier's Rules API client: one {@code /thanos.Rules/Rules} call per rules endpoint, all at once, each bounded
 * by a deadline; the groups merged and deduplicated by {@link RuleGroupsDedup}. An endpoint that fails becomes a
 * warning under {@code WARN} (partial response) and fails the whole request under {@code ABORT}, with Thanos'
 * message; warnings the endpoints send are passed on.
 */
public final class RulesFanout {

  /** The merged answer. */
  public record Result(List<RuleGroup> groups, List<String> warnings) {

    /** Keeps immutable copies. */
    public Result {
      groups = List.copyOf(groups);
      warnings = List.copyOf(warnings);
    }
  }

  /** One endpoint failed under the abort strategy. */
  public static final class RulesFanoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RulesFanoutException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Supplier<List<RulesEndpoint>> endpoints;
  private final Duration timeout;
  private final Executor executor;

  /**
   * A fan-out over the endpoints {@code endpoints} gives at each call.
   *
   * @param timeout the longest one endpoint's answer may take
   * @param executor runs the blocking calls (bounded; never an event loop)
   */
  public RulesFanout(Supplier<List<RulesEndpoint>> endpoints, Duration timeout, Executor executor) {
    this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /**
   * Asks every rules endpoint, then merges.
   *
   * @param replicaLabels labels removed from rule labels before deduplication
   * @throws RulesFanoutException when an endpoint fails and the request's strategy is {@code ABORT}
   */
  public Result rules(RulesRequest request, Set<String> replicaLabels) {
    List<RulesEndpoint> targets = endpoints.get();
    List<CompletableFuture<List<RulesResponse>>> calls = new ArrayList<>(targets.size());
    for (RulesEndpoint e : targets) {
      calls.add(CompletableFuture.supplyAsync(() -> {
        List<RulesResponse> frames = new ArrayList<>();
        Iterator<RulesResponse> it = e.stub().withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .rules(request);
        it.forEachRemaining(frames::add);
        return frames;
      }, executor));
    }
    List<RuleGroup> groups = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      List<RulesResponse> frames;
      try {
        frames = calls.get(i).join();
      } catch (CompletionException ex) {
        Throwable cause = ex.getCause() == null ? ex : ex.getCause();
        String message = "fetching rules from rules client " + targets.get(i).address() + ": " + cause.getMessage();
        if (request.getPartialResponseStrategy() == PartialResponseStrategy.ABORT) {
          throw new RulesFanoutException(message, cause);
        }
        warnings.add(message);
        continue;
      }
      for (RulesResponse f : frames) {
        if (f.hasGroup()) {
          groups.add(f.getGroup());
        } else if (!f.getWarning().isEmpty()) {
          warnings.add(f.getWarning());
        }
      }
    }
    return new Result(RuleGroupsDedup.dedup(groups, replicaLabels), warnings);
  }
}
