package io.thanosjvm.rules;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code generatorURL} of alerts: {@code --alert.query-url} followed by {@code --alert.query-template} with
 * {@code {{.Expr}}} replaced by the rule's expression escaped as Go's {@code url.QueryEscape} does (space as
 * {@code +}, everything but letters, digits and {@code -_.~} percent-encoded). A template with any other action is
 * refused at start-up.
 *
 * @param queryUrl the external Query URL ({@code --alert.query-url}), may be empty
 * @param template the path template ({@code --alert.query-template})
 */
public record GeneratorUrl(String queryUrl, String template) {

  /** Thanos' default {@code --alert.query-template}. */
  public static final String DEFAULT_TEMPLATE = "/graph?g0.expr={{.Expr}}&g0.tab=1";

  private static final Pattern ACTION = Pattern.compile("\\{\\{-?\\s*(.*?)\\s*-?}}");

  /** Validates the template. */
  public GeneratorUrl {
    java.util.Objects.requireNonNull(queryUrl, "queryUrl");
    Matcher m = ACTION.matcher(template);
    while (m.find()) {
      if (!m.group(1).equals(".Expr")) {
        throw new IllegalArgumentException("--" + io.thanosjvm.cli.FlagNames.ALERT_QUERY_TEMPLATE + ": only {{.Expr}} is supported, found "
            + m.group());
      }
    }
    queryUrl = queryUrl.endsWith("/") ? queryUrl.substring(0, queryUrl.length() - 1) : queryUrl;
  }

  /** The URL for an alert of the rule with expression {@code expr}. */
  public String forExpression(String expr) {
    String escaped = queryEscape(expr);
    return queryUrl + ACTION.matcher(template).replaceAll(Matcher.quoteReplacement(escaped));
  }

  /** Go's {@code url.QueryEscape}. */
  public static String queryEscape(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("*", "%2A").replace("%7E", "~");
  }
}
