package io.thanosjvm.rules;

import io.grpc.stub.StreamObserver;
import io.thanosjvm.model.Labels;
import io.thanosjvm.wire.rulespb.RuleGroup;
import io.thanosjvm.wire.rulespb.RulesGrpc;
import io.thanosjvm.wire.rulespb.RulesRequest;
import io.thanosjvm.wire.rulespb.RulesResponse;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Thanos' gRPC Rules API ({@code /thanos.Rules/Rules}) over running groups: one frame per group, rule and alert
 * labels carrying the external labels (see {@link RuleGroupsProto}). Queriers fan {@code /api/v1/rules} and
 * {@code /api/v1/alerts} out to it.
 */
public final class RulesService extends RulesGrpc.RulesImplBase {

  private final Supplier<List<GroupState>> groups;
  private final Labels externalLabels;

  /** A service over the groups {@code groups} gives at each call, labelled with {@code externalLabels}. */
  public RulesService(Supplier<List<GroupState>> groups, Labels externalLabels) {
    this.groups = Objects.requireNonNull(groups, "groups");
    this.externalLabels = Objects.requireNonNull(externalLabels, "externalLabels");
  }

  @Override
  public void rules(RulesRequest request, StreamObserver<RulesResponse> out) {
    for (RuleGroup g : RuleGroupsProto.groups(groups.get(), externalLabels, request)) {
      out.onNext(RulesResponse.newBuilder().setGroup(g).build());
    }
    out.onCompleted();
  }
}
