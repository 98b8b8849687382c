package io.thanosjvm.rules;

/**
 * How a group is evaluated beyond its rules.
 *
 * @param queryOffsetMillis how far back rules query ({@code query_offset}, {@code --rule-query-offset}): the
 *     expressions and the written samples use the evaluation time minus this, alert timing uses the evaluation time
 * @param resendDelayMillis {@code --resend-delay}: the least time between two sends of an unchanged alert
 * @param intervalMillis the group's interval (an alert sent stays valid for four times the larger of this and the
 *     resend delay)
 * @param sendAlerts whether alerts due for sending are collected (false: the state still moves, nothing is sent)
 */
public record EvalOptions(long queryOffsetMillis, long resendDelayMillis, long intervalMillis, boolean sendAlerts) {

  /** No offset and no sending. */
  public static final EvalOptions NO_SEND = new EvalOptions(0, 0, 0, false);

  /** Validates the options. */
  public EvalOptions {
    if (queryOffsetMillis < 0 || resendDelayMillis < 0 || intervalMillis < 0) {
      throw new IllegalArgumentException("query offset, resend delay and interval must not be negative");
    }
  }
}
