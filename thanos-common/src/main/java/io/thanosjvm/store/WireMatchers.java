package io.thanosjvm.store;

import io.thanosjvm.model.InvalidMatcherException;
import io.thanosjvm.model.MatchType;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.wire.storepb.LabelMatcher;
import java.util.ArrayList;
import java.util.List;

/** Conversions between StoreAPI, Prometheus remote-read and model label matchers. */
public final class WireMatchers {

  private WireMatchers() {}

  /**
   * Model matchers from StoreAPI ones.
   *
   * @throws StoreRequestException (invalid argument) for an unknown type or a regex that does not compile
   */
  public static List<Matcher> fromStore(List<LabelMatcher> wire) {
    List<Matcher> out = new ArrayList<>(wire.size());
    for (LabelMatcher m : wire) {
      MatchType type;
      try {
        type = MatchType.fromWire(m.getTypeValue());
      } catch (IllegalArgumentException e) {
        throw StoreRequestException.invalidArgument("unknown label matcher type " + m.getTypeValue());
      }
      try {
        out.add(Matcher.of(type, m.getName(), m.getValue()));
      } catch (InvalidMatcherException e) {
        throw StoreRequestException.invalidArgument(e.getMessage());
      }
    }
    return out;
  }

  /** A StoreAPI matcher from a model one. */
  public static LabelMatcher toStore(Matcher m) {
    return LabelMatcher.newBuilder().setTypeValue(m.type().wireNumber()).setName(m.name()).setValue(m.value())
        .build();
  }

  /** A Prometheus remote-read matcher from a model one (the enums share numbers). */
  public static io.thanosjvm.wire.prompb.LabelMatcher toPrometheus(Matcher m) {
    return io.thanosjvm.wire.prompb.LabelMatcher.newBuilder().setTypeValue(m.type().wireNumber())
        .setName(m.name()).setValue(m.value()).build();
  }
}
