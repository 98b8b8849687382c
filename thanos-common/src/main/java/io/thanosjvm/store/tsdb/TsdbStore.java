package io.thanosjvm.store.tsdb;

import io.grpc.stub.StreamObserver;
import io.thanosjvm.head.LocalTsdb;
import io.thanosjvm.head.StoredSeries;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.model.Utf8Order;
import io.thanosjvm.store.ExternalLabels;
import io.thanosjvm.store.ShardMatcher;
import io.thanosjvm.store.StoreRequestException;
import io.thanosjvm.store.WireMatchers;
import io.thanosjvm.wire.infopb.InfoResponse;
import io.thanosjvm.wire.infopb.StoreInfo;
import io.thanosjvm.wire.infopb.TSDBInfo;
import io.thanosjvm.wire.labelpb.Label;
import io.thanosjvm.wire.labelpb.ZLabelSet;
import io.thanosjvm.wire.storepb.AggrChunk;
import io.thanosjvm.wire.storepb.LabelNamesRequest;
import io.thanosjvm.wire.storepb.LabelNamesResponse;
import io.thanosjvm.wire.storepb.LabelValuesRequest;
import io.thanosjvm.wire.storepb.LabelValuesResponse;
import io.thanosjvm.wire.storepb.Series;
import io.thanosjvm.wire.storepb.SeriesRequest;
import io.thanosjvm.wire.storepb.SeriesResponse;
import io.thanosjvm.wire.storepb.StoreGrpc;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * {@code thanos.Store} over local TSDBs (Thanos' {@code TSDBStore}; receive serves one per tenant, the ruler one).
 *
 * <p>Series: matchers on a source's external labels are decided by their values and dropped, the rest select
 * from the TSDB's blocks and head (series with a sample in [min_time, max_time]); every series carries its
 * source's external labels (they win on a name clash), {@code without_replica_labels} are removed, and the
 * answer comes sorted by label set, each series once, cut at {@code limit}. Attaching or removing labels can
 * reorder series whose label sets are prefixes of each other, so a source's selection is kept as label sets with
 * handles to the stored series (no samples) and sorted; sources are then merged in order. Samples are read and
 * encoded into XOR chunks of 120 samples only when their series is sent, one series per frame, waiting while the
 * client does not keep up.
 *
 * <p>LabelNames/LabelValues honour matchers and start/end exactly (only series with a sample in the range
 * count); external label names appear when some series matches, an external label's values are its value.
 */
public final class TsdbStore extends StoreGrpc.StoreImplBase {

  private final Supplier<? extends Collection<TsdbSource>> sources;

  /**
   * A store over the current {@code sources} (read at every call).
   *
   * @param sources the TSDBs served and their external labels
   */
  public TsdbStore(Supplier<? extends Collection<TsdbSource>> sources) {
    this.sources = Objects.requireNonNull(sources, "sources");
  }

  /** A store over one TSDB whose series carry {@code externalLabels}. */
  public static TsdbStore of(LocalTsdb tsdb, Labels externalLabels) {
    List<TsdbSource> one = List.of(new TsdbSource(tsdb, externalLabels));
    return new TsdbStore(() -> one);
  }

  // ---------------------------------------------------------------- Series

  @Override
  public void series(SeriesRequest request, StreamObserver<SeriesResponse> out) {
    try {
      List<Matcher> matchers = WireMatchers.fromStore(request.getMatchersList());
      if (matchers.isEmpty()) {
        throw StoreRequestException.invalidArgument("no matchers specified (excluding external labels)");
      }
      PriorityQueue<Cursor> heads = new PriorityQueue<>((a, b) -> a.current.labels().compareTo(b.current.labels()));
      ShardMatcher shard = ShardMatcher.of(request);
      for (TsdbSource s : sources.get()) {
        ExternalLabels ext = new ExternalLabels(s.externalLabels());
        Optional<List<Matcher>> remaining = ext.remainingMatchers(matchers);
        if (remaining.isPresent()) {
          Cursor c = new Cursor(select(s, ext, remaining.get(), request.getMinTime(), request.getMaxTime(),
              request.getWithoutReplicaLabelsList(), shard).iterator());
          if (c.advance()) {
            heads.add(c);
          }
        }
      }
      send(heads, request, out);
    } catch (StoreRequestException e) {
      out.onError(e.status().asRuntimeException());
    }
  }

  private static void send(PriorityQueue<Cursor> heads, SeriesRequest request, StreamObserver<SeriesResponse> out) {
    StreamReadiness readiness = new StreamReadiness(out);
    ChunkEncoder encoder = new ChunkEncoder();
    long limit = request.getLimit();
    long sent = 0;
    while (!heads.isEmpty() && (limit <= 0 || sent < limit)) {
      Cursor c = heads.poll();
      SelectedSeries s = c.current;
      if (c.advance()) {
        heads.add(c);
      }
      Series.Builder series = Series.newBuilder();
      if (request.getSkipChunks()) {
        if (!s.hasSamples()) {
          continue;
        }
      } else {
        List<AggrChunk> chunks = encoder.encode(s.iterator());
        if (chunks.isEmpty()) {
          continue;
        }
        series.addAllChunks(chunks);
      }
      if (!readiness.awaitReady()) {
        return;
      }
      series.addAllLabels(wire(s.labels()));
      out.onNext(SeriesResponse.newBuilder().setSeries(series).build());
      sent++;
    }
    out.onCompleted();
  }

  /** One source's selection in output order, with the next series at hand. */
  private static final class Cursor {
    private final Iterator<SelectedSeries> it;
    private SelectedSeries current;

    Cursor(Iterator<SelectedSeries> it) {
      this.it = it;
    }

    boolean advance() {
      current = it.hasNext() ? it.next() : null;
      return current != null;
    }
  }

  /**
   * The series of one source as sent: labels attached and dropped, sorted, equal label sets joined. Stored series
   * come sorted by their own labels; when that order survives (the common case) nothing is re-sorted. Series
   * outside the request's shard ({@code shard_info}) are left out.
   */
  private static List<SelectedSeries> select(TsdbSource source, ExternalLabels ext, List<Matcher> matchers,
      long mint, long maxt, List<String> drop, ShardMatcher shard) {
    List<SelectedSeries> out = new ArrayList<>();
    boolean sorted = true;
    Iterator<StoredSeries> it = source.tsdb().select(mint, maxt, matchers);
    while (it.hasNext()) {
      StoredSeries s = it.next();
      SelectedSeries sel = new SelectedSeries(ext.attachTo(s.labels(), drop), List.of(s));
      if (!shard.matches(sel.labels())) {
        continue;
      }
      if (!out.isEmpty() && out.get(out.size() - 1).labels().compareTo(sel.labels()) >= 0) {
        sorted = false;
      }
      out.add(sel);
    }
    if (sorted) {
      return out;
    }
    out.sort((a, b) -> a.labels().compareTo(b.labels()));
    List<SelectedSeries> joined = new ArrayList<>(out.size());
    for (SelectedSeries s : out) {
      int last = joined.size() - 1;
      if (last >= 0 && joined.get(last).labels().equals(s.labels())) {
        joined.set(last, joined.get(last).mergedWith(s));
      } else {
        joined.add(s);
      }
    }
    return joined;
  }

  // ---------------------------------------------------------------- label APIs

  @Override
  public void labelNames(LabelNamesRequest request, StreamObserver<LabelNamesResponse> out) {
    try {
      List<Matcher> matchers = WireMatchers.fromStore(request.getMatchersList());
      TreeSet<String> names = new TreeSet<>(Utf8Order.COMPARATOR);
      for (TsdbSource s : sources.get()) {
        ExternalLabels ext = new ExternalLabels(s.externalLabels());
        if (!ext.compatibleWith(matchers)) {
          continue;
        }
        List<Matcher> data = dataMatchers(ext, matchers);
        boolean any = false;
        if (data.isEmpty() && request.getStart() <= s.minTime()
            && request.getEnd() >= s.tsdb().head().maxTime()) {
          // the whole TSDB: its label index answers
          List<String> all = s.tsdb().labelNames();
          names.addAll(all);
          any = !all.isEmpty();
        } else {
          Iterator<StoredSeries> it = s.tsdb().select(request.getStart(), request.getEnd(), data);
          while (it.hasNext()) {
            StoredSeries series = it.next();
            if (series.iterator().next()) {
              series.labels().forEach(l -> names.add(l.name()));
              any = true;
            }
          }
        }
        if (any) {
          s.externalLabels().forEach(l -> names.add(l.name()));
        }
      }
      request.getWithoutReplicaLabelsList().forEach(names::remove);
      out.onNext(LabelNamesResponse.newBuilder().addAllNames(limit(names, request.getLimit())).build());
      out.onCompleted();
    } catch (StoreRequestException e) {
      out.onError(e.status().asRuntimeException());
    }
  }

  @Override
  public void labelValues(LabelValuesRequest request, StreamObserver<LabelValuesResponse> out) {
    try {
      String name = request.getLabel();
      if (name.isEmpty()) {
        throw StoreRequestException.invalidArgument("label name parameter cannot be empty");
      }
      List<Matcher> matchers = WireMatchers.fromStore(request.getMatchersList());
      TreeSet<String> values = new TreeSet<>(Utf8Order.COMPARATOR);
      if (!request.getWithoutReplicaLabelsList().contains(name)) {
        for (TsdbSource s : sources.get()) {
          ExternalLabels ext = new ExternalLabels(s.externalLabels());
          if (!ext.compatibleWith(matchers)) {
            continue;
          }
          String external = s.externalLabels().get(name);
          Iterator<StoredSeries> it = s.tsdb().select(request.getStart(), request.getEnd(),
              dataMatchers(ext, matchers));
          while (it.hasNext()) {
            StoredSeries series = it.next();
            String v = external.isEmpty() ? series.labels().get(name) : external;
            if (!v.isEmpty() && !values.contains(v) && series.iterator().next()) {
              values.add(v);
              if (!external.isEmpty()) {
                break;
              }
            }
          }
        }
      }
      out.onNext(LabelValuesResponse.newBuilder().addAllValues(limit(values, request.getLimit())).build());
      out.onCompleted();
    } catch (StoreRequestException e) {
      out.onError(e.status().asRuntimeException());
    }
  }

  private static List<Matcher> dataMatchers(ExternalLabels ext, List<Matcher> matchers) {
    List<Matcher> out = new ArrayList<>(matchers.size());
    for (Matcher m : matchers) {
      if (!ext.labels().has(m.name())) {
        out.add(m);
      }
    }
    return out;
  }

  private static List<String> limit(TreeSet<String> values, long limit) {
    List<String> all = new ArrayList<>(values);
    return limit > 0 && all.size() > limit ? all.subList(0, (int) limit) : all;
  }

  // ---------------------------------------------------------------- Info

  /**
   * The store part of Info: from the oldest sample held to MaxInt64 (the head keeps accepting), one TSDB info
   * per source, without_replica_labels and sharding supported.
   */
  public StoreInfo storeInfo() {
    StoreInfo.Builder b = StoreInfo.newBuilder().setSupportsWithoutReplicaLabels(true).setSupportsSharding(true).setMaxTime(Long.MAX_VALUE);
    long min = Long.MAX_VALUE;
    for (TsdbSource s : sources.get()) {
      long m = s.minTime();
      min = Math.min(min, m);
      b.addTsdbInfos(TSDBInfo.newBuilder().setLabels(labelSet(s.externalLabels())).setMinTime(m)
          .setMaxTime(Long.MAX_VALUE));
    }
    return b.setMinTime(min).build();
  }

  /** The distinct external label sets of the sources, sorted: Info's {@code label_sets}. */
  public List<ZLabelSet> labelSets() {
    TreeSet<Labels> sets = new TreeSet<>();
    for (TsdbSource s : sources.get()) {
      sets.add(s.externalLabels());
    }
    return sets.stream().map(TsdbStore::labelSet).toList();
  }

  /** A full Info answer naming {@code componentType} (e.g. {@code receive}, {@code rule}). */
  public InfoResponse info(String componentType) {
    return InfoResponse.newBuilder().setComponentType(componentType).addAllLabelSets(labelSets())
        .setStore(storeInfo()).build();
  }

  private static ZLabelSet labelSet(Labels l) {
    return ZLabelSet.newBuilder().addAllLabels(wire(l)).build();
  }

  private static List<Label> wire(Labels labels) {
    List<Label> out = new ArrayList<>(labels.size());
    labels.forEach(l -> out.add(Label.newBuilder().setName(l.name()).setValue(l.value()).build()));
    return out;
  }
}
