package io.thanosjvm.app.rule;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches unless the ruler is stateless ({@code --remote-write.config(-file)} given): the local TSDB, its StoreAPI and
 * the shipper exist only then, as in Thanos.
 */
final class StatefulCondition implements Condition {

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    return !stateless(context.getEnvironment());
  }

  /** Whether remote write is configured. */
  static boolean stateless(org.springframework.core.env.Environment env) {
    return !env.getProperty("thanos.rule.remote-write-config", "").isEmpty()
        || !env.getProperty("thanos.rule.remote-write-config-file", "").isEmpty();
  }
}
