package io.thanosjvm.promql.engine;

import io.thanosjvm.model.Label;
import io.thanosjvm.model.Labels;
import io.thanosjvm.promql.QueryExecutionException;
import io.thanosjvm.promql.ast.BinaryExpr;
import io.thanosjvm.promql.ast.BinaryOp;
import io.thanosjvm.promql.ast.VectorMatching;
import io.thanosjvm.promql.ast.VectorMatching.Cardinality;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Binary operators over scalars and instant vectors, with Prometheus' vector matching. */
final class BinaryEval {

  private BinaryEval() {}

  static EvalValue eval(Evaluator ev, BinaryExpr b, StepGrid g) {
    EvalValue l = ev.eval(b.lhs(), g);
    EvalValue r = ev.eval(b.rhs(), g);
    BinaryOp op = b.op();
    if (l instanceof StepScalar ls && r instanceof StepScalar rs) {
      double[] out = new double[g.n];
      for (int i = 0; i < g.n; i++) {
        out[i] = op.isComparison() ? (ArithmeticOps.compare(op, ls.v()[i], rs.v()[i]) ? 1 : 0)
            : ArithmeticOps.arithmetic(op, ls.v()[i], rs.v()[i]);
      }
      return new StepScalar(out);
    }
    StepVector out;
    if (l instanceof StepVector lv && r instanceof StepScalar rs) {
      out = vectorScalar(op, lv, rs.v(), false, b.returnBool(), g);
      ev.release(lv);
    } else if (l instanceof StepScalar ls && r instanceof StepVector rv) {
      out = vectorScalar(op, rv, ls.v(), true, b.returnBool(), g);
      ev.release(rv);
    } else {
      StepVector lv = (StepVector) l;
      StepVector rv = (StepVector) r;
      VectorMatching m = b.matching();
      out = switch (op) {
        case AND -> and(lv, rv, m, g, false);
        case UNLESS -> and(lv, rv, m, g, true);
        case OR -> or(lv, rv, m, g);
        default -> vectorVector(op, lv, rv, m, b.returnBool(), g);
      };
      ev.release(lv);
      ev.release(rv);
    }
    ev.ctx.addSamples(out.points());
    return out;
  }

  private static boolean dropsName(BinaryOp op, boolean returnBool) {
    return (!op.isComparison() && op != BinaryOp.ATAN2) || returnBool;
  }

  private static StepVector vectorScalar(BinaryOp op, StepVector vec, double[] scalar, boolean scalarLeft,
      boolean returnBool, StepGrid g) {
    OutputBuilder out = new OutputBuilder(g.n);
    boolean drop = dropsName(op, returnBool);
    for (StepSeries s : vec.series()) {
      int idx = -1;
      for (int i = 0; i < g.n; i++) {
        if (!s.has[i]) {
          continue;
        }
        double lv = scalarLeft ? scalar[i] : s.v[i];
        double rv = scalarLeft ? s.v[i] : scalar[i];
        double value;
        if (op.isComparison()) {
          boolean keep = ArithmeticOps.compare(op, lv, rv);
          if (returnBool) {
            value = keep ? 1 : 0;
          } else if (!keep) {
            continue;
          } else {
            value = s.v[i];
          }
        } else {
          value = ArithmeticOps.arithmetic(op, lv, rv);
        }
        if (idx < 0) {
          idx = out.seriesFor(drop ? s.labels.withoutMetricName() : s.labels);
        }
        out.set(idx, i, value);
      }
    }
    return out.build();
  }

  /** The matching signature of a series: the labels compared by on/ignoring. */
  static Labels signature(Labels l, VectorMatching m) {
    if (m.on()) {
      return l.keepOnly(m.matchingLabels());
    }
    Set<String> drop = new HashSet<>(m.matchingLabels());
    drop.add(Label.METRIC_NAME);
    return l.without(drop);
  }

  private static StepVector and(StepVector lv, StepVector rv, VectorMatching m, StepGrid g, boolean unless) {
    Map<Labels, boolean[]> rightPresence = new HashMap<>();
    for (StepSeries s : rv.series()) {
      boolean[] p = rightPresence.computeIfAbsent(signature(s.labels, m), k -> new boolean[g.n]);
      for (int i = 0; i < g.n; i++) {
        p[i] |= s.has[i];
      }
    }
    List<StepSeries> out = new ArrayList<>();
    for (StepSeries s : lv.series()) {
      boolean[] p = rightPresence.get(signature(s.labels, m));
      boolean[] has = new boolean[g.n];
      boolean any = false;
      for (int i = 0; i < g.n; i++) {
        boolean matched = p != null && p[i];
        has[i] = s.has[i] && (unless ? !matched : matched);
        any |= has[i];
      }
      if (any) {
        out.add(new StepSeries(s.labels, s.v, has));
      }
    }
    return new StepVector(out);
  }

  private static StepVector or(StepVector lv, StepVector rv, VectorMatching m, StepGrid g) {
    Map<Labels, boolean[]> leftPresence = new HashMap<>();
    for (StepSeries s : lv.series()) {
      boolean[] p = leftPresence.computeIfAbsent(signature(s.labels, m), k -> new boolean[g.n]);
      for (int i = 0; i < g.n; i++) {
        p[i] |= s.has[i];
      }
    }
    OutputBuilder out = new OutputBuilder(g.n);
    for (StepSeries s : lv.series()) {
      int idx = out.seriesFor(s.labels);
      for (int i = 0; i < g.n; i++) {
        if (s.has[i]) {
          out.set(idx, i, s.v[i]);
        }
      }
    }
    for (StepSeries s : rv.series()) {
      boolean[] p = leftPresence.get(signature(s.labels, m));
      int idx = -1;
      for (int i = 0; i < g.n; i++) {
        if (s.has[i] && (p == null || !p[i])) {
          if (idx < 0) {
            idx = out.seriesFor(s.labels);
          }
          out.set(idx, i, s.v[i]);
        }
      }
    }
    return out.build();
  }

  private static StepVector vectorVector(BinaryOp op, StepVector lhs, StepVector rhs, VectorMatching m,
      boolean returnBool, StepGrid g) {
    boolean swap = m.card() == Cardinality.ONE_TO_MANY;
    List<StepSeries> many = swap ? rhs.series() : lhs.series();
    List<StepSeries> one = swap ? lhs.series() : rhs.series();
    // Group the "one" side by signature.
    Map<Labels, Integer> sigIds = new HashMap<>();
    List<List<Integer>> oneBySig = new ArrayList<>();
    for (int r = 0; r < one.size(); r++) {
      Labels sig = signature(one.get(r).labels, m);
      Integer id = sigIds.get(sig);
      if (id == null) {
        id = oneBySig.size();
        sigIds.put(sig, id);
        oneBySig.add(new ArrayList<>());
      }
      oneBySig.get(id).add(r);
    }
    int[][] oneIdx = new int[oneBySig.size()][];
    for (int k = 0; k < oneIdx.length; k++) {
      oneIdx[k] = oneBySig.get(k).stream().mapToInt(Integer::intValue).toArray();
    }
    OutputBuilder out = new OutputBuilder(g.n);
    boolean drop = dropsName(op, returnBool);
    String dupMessage = m.card() == Cardinality.ONE_TO_ONE
        ? "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)"
        : "multiple matches for labels: grouping labels must ensure unique matches";
    // One-to-one: each signature may be matched once per step from the many side.
    int[] usedAt = new int[oneIdx.length];
    Arrays.fill(usedAt, -1);
    int[] lastOne = new int[many.size()];
    int[] lastOut = new int[many.size()];
    Arrays.fill(lastOne, -1);
    int[] manySig = new int[many.size()];
    for (int s = 0; s < many.size(); s++) {
      Integer id = sigIds.get(signature(many.get(s).labels, m));
      manySig[s] = id == null ? -1 : id;
    }
    List<int[]> multi = new ArrayList<>();
    for (int[] grp : oneIdx) {
      if (grp.length > 1) {
        multi.add(grp);
      }
    }
    boolean[] bothSides = stepsWithBothSides(lhs, rhs, g.n);
    for (int i = 0; i < g.n; i++) {
      if (!bothSides[i]) {
        // Prometheus short-circuits a step where either side is empty: nothing can match, and matching labels
        // are not checked for uniqueness there.
        continue;
      }
      for (int[] grp : multi) {
        int first = -1;
        for (int r : grp) {
          if (one.get(r).has[i]) {
            if (first >= 0) {
              throw duplicateOnOneSide(one.get(r), one.get(first), m, swap);
            }
            first = r;
          }
        }
      }
      for (int s = 0; s < many.size(); s++) {
        int sig = manySig[s];
        StepSeries ms = many.get(s);
        if (sig < 0 || !ms.has[i]) {
          continue;
        }
        int match = -1;
        for (int r : oneIdx[sig]) {
          if (one.get(r).has[i]) {
            if (match >= 0) {
              throw duplicateOnOneSide(one.get(r), one.get(match), m, swap);
            }
            match = r;
          }
        }
        if (match < 0) {
          continue;
        }
        StepSeries os = one.get(match);
        double vl = swap ? os.v[i] : ms.v[i];
        double vr = swap ? ms.v[i] : os.v[i];
        double value;
        if (op.isComparison()) {
          boolean keep = ArithmeticOps.compare(op, vl, vr);
          if (returnBool) {
            value = keep ? 1 : 0;
          } else if (!keep) {
            continue;
          } else {
            value = vl;
          }
        } else {
          value = ArithmeticOps.arithmetic(op, vl, vr);
        }
        if (m.card() == Cardinality.ONE_TO_ONE) {
          if (usedAt[sig] == i) {
            throw new QueryExecutionException(dupMessage);
          }
          usedAt[sig] = i;
        }
        int idx;
        if (lastOne[s] == match) {
          idx = lastOut[s];
        } else {
          idx = out.seriesFor(resultLabels(ms.labels, os.labels, m, drop));
          lastOne[s] = match;
          lastOut[s] = idx;
        }
        out.set(idx, i, value, m.card() == Cardinality.ONE_TO_ONE ? OutputBuilder.DUPLICATE : dupMessage);
      }
    }
    return out.build();
  }

  /** Steps at which both operands have at least one sample. */
  private static boolean[] stepsWithBothSides(StepVector lhs, StepVector rhs, int n) {
    boolean[] left = new boolean[n];
    boolean[] both = new boolean[n];
    for (StepSeries s : lhs.series()) {
      for (int i = 0; i < n; i++) {
        left[i] |= s.has[i];
      }
    }
    for (StepSeries s : rhs.series()) {
      for (int i = 0; i < n; i++) {
        both[i] |= s.has[i] && left[i];
      }
    }
    return both;
  }

  private static QueryExecutionException duplicateOnOneSide(StepSeries a, StepSeries b, VectorMatching m,
      boolean swap) {
    Labels matched = m.on() ? a.labels.keepOnly(m.matchingLabels()) : a.labels.without(m.matchingLabels());
    return new QueryExecutionException("found duplicate series for the match group " + matched + " on the "
        + (swap ? "left" : "right") + " hand-side of the operation: [" + a.labels + ", " + b.labels
        + "];many-to-many matching not allowed: matching labels must be unique on one side");
  }

  private static Labels resultLabels(Labels many, Labels one, VectorMatching m, boolean dropName) {
    Labels.Builder b = many.toBuilder();
    if (dropName) {
      b.delete(Label.METRIC_NAME);
    }
    if (m.card() == Cardinality.ONE_TO_ONE) {
      if (m.on()) {
        Labels cur = b.build();
        Labels.Builder k = Labels.builder();
        for (String n : m.matchingLabels()) {
          String v = cur.get(n);
          if (!v.isEmpty()) {
            k.set(n, v);
          }
        }
        return k.build();
      }
      for (String n : m.matchingLabels()) {
        b.delete(n);
      }
    }
    for (String n : m.include()) {
      String v = one.get(n);
      if (!v.isEmpty()) {
        b.set(n, v);
      } else {
        b.delete(n);
      }
    }
    return b.build();
  }
}
