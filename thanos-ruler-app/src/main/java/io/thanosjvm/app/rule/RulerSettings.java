package io.thanosjvm.app.rule;

import io.thanosjvm.autoconfigure.ThanosRuleProperties;
import io.thanosjvm.cli.FlagNames;
import io.thanosjvm.cli.LabelFlags;
import io.thanosjvm.model.Labels;
import io.thanosjvm.rules.AlertLabeling;
import io.thanosjvm.rules.GeneratorUrl;
import io.thanosjvm.rules.HttpRuleQuery;
import io.thanosjvm.rules.QueryEndpoint;
import io.thanosjvm.rules.RuleManagerSettings;
import io.thanosjvm.rules.RulerConfig;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import org.springframework.core.env.Environment;

/** The ruler's library settings from its properties, failing start-up with the flag's name when one is wrong. */
final class RulerSettings {

  private RulerSettings() {}

  static Labels externalLabels(ThanosRuleProperties props) {
    try {
      return LabelFlags.parse(props.getLabel());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--" + FlagNames.LABEL + ": " + e.getMessage(), e);
    }
  }

  static RulerConfig config(ThanosRuleProperties props, Labels externalLabels, Environment env) {
    HttpRuleQuery.Method method;
    try {
      method = HttpRuleQuery.Method.valueOf(props.getQueryHttpMethod().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--" + FlagNames.QUERY_HTTP_METHOD + ": possible options are GET and POST, got "
          + props.getQueryHttpMethod(), e);
    }
    List<QueryEndpoint> queries = props.getQuery().stream().map(QueryEndpoint::parse).toList();
    List<URI> alertmanagers = props.getAlertmanagersUrl().stream().map(RulerSettings::alertmanager).toList();
    String queryUrl = props.getAlertQueryUrl().isEmpty() ? defaultQueryUrl(env) : props.getAlertQueryUrl();
    RuleManagerSettings manager = new RuleManagerSettings(props.getEvalInterval().toMillis(),
        props.getRuleQueryOffset().toMillis(), props.getResendDelay().toMillis(),
        props.getForOutageTolerance().toMillis(), props.getForGracePeriod().toMillis(), externalLabels, queryUrl);
    return new RulerConfig(props.getRuleFile(), queries, method, props.getQueryTimeout(), alertmanagers,
        props.getAlertmanagersSendTimeout(), new AlertLabeling(externalLabels, props.getAlertLabelDrop(), List.of()),
        new GeneratorUrl(queryUrl, props.getAlertQueryTemplate()), manager,
        Math.max(2, props.getRuleConcurrentEvaluation()));
  }

  private static URI alertmanager(String url) {
    if (!url.contains("://")) {
      throw new IllegalArgumentException("--" + FlagNames.ALERTMANAGERS_URL + " " + url + ": the scheme must not be empty (e.g. http)");
    }
    if (url.contains("+")) {
      throw new IllegalArgumentException("--" + FlagNames.ALERTMANAGERS_URL + " " + url
          + ": DNS discovery (dns+/dnssrv+) is not implemented yet; give http(s)://host:port");
    }
    return URI.create(url);
  }

  /** Thanos' default alert source: this host's name and the HTTP port. */
  private static String defaultQueryUrl(Environment env) {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    String address = env.getProperty("thanos.http.address", "0.0.0.0:10902");
    return "http://" + host + ":" + address.substring(address.lastIndexOf(':') + 1);
  }
}
