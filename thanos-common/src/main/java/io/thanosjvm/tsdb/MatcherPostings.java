package io.thanosjvm.tsdb;

import io.thanosjvm.model.Matcher;
import io.thanosjvm.tsdb.index.IndexReader;
import io.thanosjvm.tsdb.index.Postings;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves label matchers to a postings list with Prometheus semantics: a series without a label has the
 * value "" for it. Matchers that do not match "" intersect with the union of their matching values'
 * postings; matchers that match "" subtract the postings of the values they reject.
 */
public final class MatcherPostings {

  private MatcherPostings() {}

  /** The sorted references of the series selected by all matchers (all series for no matchers). */
  public static int[] select(IndexReader index, List<Matcher> matchers) {
    List<int[]> intersect = new ArrayList<>();
    List<int[]> subtract = new ArrayList<>();
    for (Matcher m : matchers) {
      if (m.matchesEmpty()) {
        int[] rejected = valuesPostings(index, m, false);
        if (rejected.length > 0) {
          subtract.add(rejected);
        }
      } else {
        intersect.add(valuesPostings(index, m, true));
      }
    }
    int[] result;
    if (intersect.isEmpty()) {
      result = index.allPostings();
    } else {
      result = Postings.intersect(intersect.toArray(new int[0][]));
    }
    for (int[] s : subtract) {
      if (result.length == 0) {
        break;
      }
      result = Postings.subtract(result, s);
    }
    return result;
  }

  /** Union of the postings of the values of {@code m.name()} that match ({@code want}) or not. */
  private static int[] valuesPostings(IndexReader index, Matcher m, boolean want) {
    if (want && m.type() == io.thanosjvm.model.MatchType.EQUAL) {
      return index.postings(m.name(), m.value());
    }
    List<Long> offsets = new ArrayList<>();
    index.forEachEntry(m.name(), null, (value, off) -> {
      if (m.matches(value) == want) {
        offsets.add(off);
      }
      return true;
    });
    List<int[]> lists = new ArrayList<>(offsets.size());
    for (long off : offsets) {
      lists.add(index.readPostings(off));
    }
    return Postings.mergeAll(lists);
  }
}
