package io.thanosjvm.queryfrontend;

import io.thanosjvm.promql.PromqlException;
import io.thanosjvm.promql.ast.AggregateExpr;
import io.thanosjvm.promql.ast.BinaryExpr;
import io.thanosjvm.promql.ast.Call;
import io.thanosjvm.promql.ast.Expr;
import io.thanosjvm.promql.ast.ParenExpr;
import io.thanosjvm.promql.ast.SubqueryExpr;
import io.thanosjvm.promql.ast.UnaryExpr;
import io.thanosjvm.promql.ast.VectorMatching;
import io.thanosjvm.promql.parser.PromqlParser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a query can be sharded vertically and by which labels, with Thanos' rules
 * ({@code pkg/querysharding}): queries with subqueries or {@code label_replace}/{@code label_join} never shard; a
 * root aggregation with {@code by} labels (or a root binary operation with {@code on} labels) shards by them;
 * otherwise the grouping labels of every aggregation and the matching labels of every vector binary operation are
 * combined ({@code by} sets intersected, {@code without} sets united, a mix keeps the {@code by} labels not in the
 * {@code without} ones); {@code le} never shards.
 *
 * <p>Stricter than Thanos where its rules give wrong answers: each candidate (the root's labels first, then the
 * combined ones) is checked against every node, and the query is left whole unless every aggregation and vector
 * matching groups series of one shard only (so
 * {@code sum by (pod) (x * scalar(sum(y)))}, which Thanos shards by the root's {@code pod} although the inner
 * {@code sum} needs every series, is not sharded), and functions that make series from the absence of others or
 * collapse a vector ({@code absent}, {@code absent_over_time}, {@code scalar}, {@code vector}: every shard would
 * answer them, e.g. {@code x or on (pod) vector(0)}) never shard. A {@code without}
 * sharding also leaves {@code __name__} and {@code le} out of the hash: aggregations and matchings that drop the
 * metric name, and {@code histogram_quantile}'s buckets, group series that differ in them.
 */
public final class ShardingAnalyzer {

  private static final String METRIC_NAME = "__name__";
  private static final String LE = "le";
  private static final Set<String> NEVER_SHARD = Set.of("label_replace", "label_join", "absent", "absent_over_time",
      "scalar", "vector");

  private ShardingAnalyzer() {}

  /** The analysis of {@code query}; a query that does not parse does not shard. */
  public static ShardingAnalysis analyze(String query) {
    Expr root;
    try {
      root = PromqlParser.parse(query);
    } catch (PromqlException | IllegalArgumentException e) {
      return ShardingAnalysis.NOT_SHARDABLE;
    }
    return analyze(root);
  }

  /** The analysis of a parsed query. */
  public static ShardingAnalysis analyze(Expr root) {
    Acc acc = new Acc();
    if (!walk(root, acc)) {
      return ShardingAnalysis.NOT_SHARDABLE;
    }
    ShardingAnalysis fromRoot = rootAnalysis(root.unwrapParens());
    ShardingAnalysis combined = acc.labels == null ? ShardingAnalysis.NOT_SHARDABLE
        : new ShardingAnalysis(acc.by, acc.labels);
    for (ShardingAnalysis candidate : List.of(fromRoot, combined)) {
      if (!candidate.shardable() || (candidate == fromRoot && !candidate.by())) {
        continue;
      }
      if (!candidate.by()) {
        LinkedHashSet<String> unhashed = new LinkedHashSet<>(candidate.labels());
        unhashed.add(METRIC_NAME);
        unhashed.add(LE);
        candidate = new ShardingAnalysis(false, new ArrayList<>(unhashed));
      }
      if (safe(root, candidate)) {
        return candidate;
      }
    }
    return ShardingAnalysis.NOT_SHARDABLE;
  }

  /** Thanos' accumulated analysis: null labels until the first grouping is seen. */
  private static final class Acc {
    boolean by;
    List<String> labels;

    void scope(List<String> given, boolean givenBy) {
      List<String> l = withoutLe(given);
      if (labels == null) {
        labels = l;
        by = givenBy;
      } else if (by && givenBy) {
        labels = intersect(labels, l);
      } else if (!by && !givenBy) {
        labels = labels.isEmpty() || l.isEmpty() ? List.of() : union(labels, l);
      } else {
        List<String> byLabels = by ? labels : l;
        List<String> withoutLabels = by ? l : labels;
        // Thanos: nothing left when the without side is empty
        labels = withoutLabels.isEmpty() ? List.of() : minus(byLabels, withoutLabels);
        by = true;
      }
    }
  }

  /** Walks in Thanos' order; false when a node rules sharding out altogether. */
  private static boolean walk(Expr e, Acc acc) {
    if (e instanceof SubqueryExpr) {
      return false;
    } else if (e instanceof Call c) {
      if (NEVER_SHARD.contains(c.function().promName())) {
        return false;
      }
      for (Expr a : c.args()) {
        if (!walk(a, acc)) {
          return false;
        }
      }
      return true;
    } else if (e instanceof BinaryExpr b) {
      VectorMatching m = b.matching();
      if (m != null && (m.on() || !m.matchingLabels().isEmpty())) {
        acc.scope(m.matchingLabels(), m.on());
      }
      return walk(b.lhs(), acc) && walk(b.rhs(), acc);
    } else if (e instanceof AggregateExpr a) {
      acc.scope(a.grouping(), !a.without());
      return walk(a.expr(), acc) && (a.param() == null || walk(a.param(), acc));
    } else if (e instanceof UnaryExpr u) {
      return walk(u.expr(), acc);
    } else if (e instanceof ParenExpr p) {
      return walk(p.inner(), acc);
    }
    return true;
  }

  private static ShardingAnalysis rootAnalysis(Expr root) {
    if (root instanceof BinaryExpr b) {
      VectorMatching m = b.matching();
      return m != null && m.on() ? new ShardingAnalysis(true, withoutLe(m.matchingLabels()))
          : ShardingAnalysis.NOT_SHARDABLE;
    }
    if (root instanceof AggregateExpr a && !a.grouping().isEmpty()) {
      return new ShardingAnalysis(!a.without(), withoutLe(a.grouping()));
    }
    return ShardingAnalysis.NOT_SHARDABLE;
  }

  /**
   * Whether every cross-series step of {@code e} combines series of one shard only: each aggregation's groups and
   * each vector matching's match groups must be determined by the hashed labels.
   */
  private static boolean safe(Expr e, ShardingAnalysis s) {
    if (e instanceof SubqueryExpr) {
      return false;
    } else if (e instanceof Call c) {
      if (NEVER_SHARD.contains(c.function().promName())) {
        return false;
      }
      if (c.function().promName().equals("histogram_quantile") && !s.by() && !s.labels().contains(LE)) {
        return false;
      }
      return c.args().stream().allMatch(a -> safe(a, s));
    } else if (e instanceof AggregateExpr a) {
      boolean groups = a.without()
          ? groupsByAllBut(s, a.grouping())
          : s.by() && a.grouping().containsAll(s.labels());
      return groups && safe(a.expr(), s) && (a.param() == null || safe(a.param(), s));
    } else if (e instanceof BinaryExpr b) {
      VectorMatching m = b.matching();
      boolean groups = m == null
          || (m.on() ? s.by() && m.matchingLabels().containsAll(s.labels()) : groupsByAllBut(s, m.matchingLabels()));
      return groups && safe(b.lhs(), s) && safe(b.rhs(), s);
    } else if (e instanceof UnaryExpr u) {
      return safe(u.expr(), s);
    } else if (e instanceof ParenExpr p) {
      return safe(p.inner(), s);
    }
    return true;
  }

  /** Whether grouping by every label except {@code dropped} and the metric name keeps shards apart. */
  private static boolean groupsByAllBut(ShardingAnalysis s, List<String> dropped) {
    if (s.by()) {
      return !s.labels().contains(METRIC_NAME) && s.labels().stream().noneMatch(dropped::contains);
    }
    return s.labels().contains(METRIC_NAME) && s.labels().containsAll(dropped);
  }

  private static List<String> withoutLe(List<String> labels) {
    return minus(labels, List.of(LE));
  }

  private static List<String> intersect(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>();
    for (String s : a) {
      if (b.contains(s) && !out.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }

  private static List<String> union(List<String> a, List<String> b) {
    LinkedHashSet<String> out = new LinkedHashSet<>(a);
    out.addAll(b);
    return new ArrayList<>(out);
  }

  private static List<String> minus(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>();
    for (String s : a) {
      if (!b.contains(s) && !out.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }
}
