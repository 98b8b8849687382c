package io.thanosjvm.app.rule;

import io.thanosjvm.autoconfigure.ThanosRuleProperties;
import io.thanosjvm.cli.FlagNames;
import io.thanosjvm.cli.LabelFlags;
import io.thanosjvm.model.Labels;
import io.thanosjvm.relabel.RelabelConfig;
import io.thanosjvm.relabel.RelabelConfigParser;
import io.thanosjvm.rules.AlertLabeling;
import io.thanosjvm.rules.AlertmanagerTarget;
import io.thanosjvm.rules.HttpClientConfig;
import io.thanosjvm.rules.GeneratorUrl;
import io.thanosjvm.rules.HttpRuleQuery;
import io.thanosjvm.rules.QueryEndpoint;
import io.thanosjvm.rules.RemoteWriteTarget;
import io.thanosjvm.rules.RuleManagerSettings;
import io.thanosjvm.rules.RulerConfig;
import io.thanosjvm.rules.RulerHttpConfigs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    List<QueryEndpoint> queries = queryEndpoints(props);
    List<AlertmanagerTarget> alertmanagers = alertmanagers(props);
    List<RelabelConfig> alertRelabel = alertRelabel(props);
    String queryUrl = props.getAlertQueryUrl().isEmpty() ? defaultQueryUrl(env) : props.getAlertQueryUrl();
    RuleManagerSettings manager = new RuleManagerSettings(props.getEvalInterval().toMillis(),
        props.getRuleQueryOffset().toMillis(), props.getResendDelay().toMillis(),
        props.getForOutageTolerance().toMillis(), props.getForGracePeriod().toMillis(), externalLabels, queryUrl);
    return new RulerConfig(props.getRuleFile(), queries, method, props.getQueryTimeout(), alertmanagers,
        new AlertLabeling(externalLabels, props.getAlertLabelDrop(), alertRelabel),
        new GeneratorUrl(queryUrl, props.getAlertQueryTemplate()), manager,
        Math.max(2, props.getRuleConcurrentEvaluation()));
  }

  /** {@code --query} values, or the servers of {@code --query.config(-file)} (not both, as in Thanos). */
  private static List<QueryEndpoint> queryEndpoints(ThanosRuleProperties props) {
    String config = text(FlagNames.QUERY_CONFIG_FILE, props.getQueryConfigFile(), FlagNames.QUERY_CONFIG,
        props.getQueryConfig());
    if (config.isEmpty()) {
      return props.getQuery().stream().map(QueryEndpoint::parse).toList();
    }
    if (!props.getQuery().isEmpty()) {
      throw new IllegalArgumentException("--" + FlagNames.QUERY + " and --" + FlagNames.QUERY_CONFIG
          + "* parameters cannot be defined at the same time");
    }
    try {
      return RulerHttpConfigs.queryConfig(config);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--" + FlagNames.QUERY_CONFIG + ": " + e.getMessage(), e);
    }
  }

  /** {@code --alertmanagers.url} values, or the Alertmanagers of {@code --alertmanagers.config(-file)}. */
  private static List<AlertmanagerTarget> alertmanagers(ThanosRuleProperties props) {
    String config = text(FlagNames.ALERTMANAGERS_CONFIG_FILE, props.getAlertmanagersConfigFile(),
        FlagNames.ALERTMANAGERS_CONFIG, props.getAlertmanagersConfig());
    if (config.isEmpty()) {
      return props.getAlertmanagersUrl().stream().map(u -> new AlertmanagerTarget(alertmanager(u),
          HttpClientConfig.NONE, props.getAlertmanagersSendTimeout())).toList();
    }
    if (!props.getAlertmanagersUrl().isEmpty()) {
      throw new IllegalArgumentException("--" + FlagNames.ALERTMANAGERS_URL + " and --"
          + FlagNames.ALERTMANAGERS_CONFIG + "* parameters cannot be defined at the same time");
    }
    try {
      return RulerHttpConfigs.alertingConfig(config);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--" + FlagNames.ALERTMANAGERS_CONFIG + ": " + e.getMessage(), e);
    }
  }

  /** {@code --alert.relabel-config(-file)}: Prometheus relabelling of alerts, after {@code --alert.label-drop}. */
  private static List<RelabelConfig> alertRelabel(ThanosRuleProperties props) {
    String config = text(FlagNames.ALERT_RELABEL_CONFIG_FILE, props.getAlertRelabelConfigFile(),
        FlagNames.ALERT_RELABEL_CONFIG, props.getAlertRelabelConfig());
    try {
      return RelabelConfigParser.parse(config);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--" + FlagNames.ALERT_RELABEL_CONFIG + ": " + e.getMessage(), e);
    }
  }

  /** The targets of {@code --remote-write.config(-file)} (stateless mode), empty when not set. */
  static List<RemoteWriteTarget> remoteWrite(ThanosRuleProperties props) {
    String config = text(FlagNames.REMOTE_WRITE_CONFIG_FILE, props.getRemoteWriteConfigFile(),
        FlagNames.REMOTE_WRITE_CONFIG, props.getRemoteWriteConfig());
    if (config.isEmpty()) {
      return List.of();
    }
    try {
      return RemoteWriteTarget.parse(config);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--" + FlagNames.REMOTE_WRITE_CONFIG + ": " + e.getMessage(), e);
    }
  }

  /** The content of a {@code <flag>-file} / {@code <flag>} pair (mutually exclusive), empty when neither is set. */
  private static String text(String fileFlag, String file, String contentFlag, String content) {
    if (!file.isEmpty() && !content.isEmpty()) {
      throw new IllegalArgumentException("--" + fileFlag + " and --" + contentFlag + " are mutually exclusive");
    }
    if (file.isEmpty()) {
      return content;
    }
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new UncheckedIOException("--" + fileFlag + ": reading " + file, e);
    }
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
