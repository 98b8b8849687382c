package io.thanosjvm.receive;

import io.thanosjvm.head.AppendError;
import io.thanosjvm.head.AppendException;
import io.thanosjvm.head.HeadAppender;
import io.thanosjvm.model.Labels;
import io.thanosjvm.wire.storepb.prompb.Sample;
import io.thanosjvm.wire.storepb.prompb.TimeSeries;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Appends a tenant's series to its TSDB as Thanos' receive writer does: each series' labels are validated (a bad
 * series is skipped), each sample appended; samples the head refuses (out of order, duplicate, out of bounds)
 * are skipped and counted; everything else is committed in one transaction. The outcome then says what was
 * dropped: label problems are {@link WriteErrorCause#VALIDATION}, refused samples {@link
 * WriteErrorCause#CONFLICT}, each with counts and the first example; the accepted part is stored either way.
 */
public final class LocalWriter {

  private final MultiTsdb tsdbs;
  private final ActiveSeriesLimit limit;

  /**
   * A writer into {@code tsdbs}.
   *
   * @param limit the per-tenant active series limit ({@link ActiveSeriesLimit#NONE} for none)
   */
  public LocalWriter(MultiTsdb tsdbs, ActiveSeriesLimit limit) {
    this.tsdbs = tsdbs;
    this.limit = limit;
  }

  /** What a write stored. */
  public record Result(long samples, long series) {}

  /**
   * Writes the series of one tenant.
   *
   * @throws WriteException when part of the request was not stored (the rest is), or nothing could be
   */
  public Result write(String tenant, List<TimeSeries> series) {
    return tsdbs.write(tenant, t -> {
      limit.check(tenant, t.tsdb().head().numSeries());
      HeadAppender app = t.tsdb().appender();
      Map<AppendError, Integer> refused = new EnumMap<>(AppendError.class);
      String firstRefused = null;
      int badSeries = 0;
      String firstBad = null;
      long samples = 0;
      long stored = 0;
      for (TimeSeries ts : series) {
        Labels labels;
        try {
          labels = SeriesLabels.of(ts.getLabelsList());
        } catch (WriteException e) {
          badSeries++;
          firstBad = firstBad == null ? e.getMessage() : firstBad;
          continue;
        }
        long ref = 0;
        boolean any = false;
        for (int i = 0, n = ts.getSamplesCount(); i < n; i++) {
          Sample s = ts.getSamples(i);
          try {
            ref = ref == 0 ? app.append(labels, s.getTimestamp(), s.getValue())
                : app.append(ref, s.getTimestamp(), s.getValue());
            samples++;
            any = true;
          } catch (AppendException e) {
            refused.merge(e.error(), 1, Integer::sum);
            if (firstRefused == null) {
              firstRefused = e.error().text() + " for series " + labels + " at " + s.getTimestamp();
            }
          }
        }
        if (any) {
          stored++;
        }
      }
      try {
        app.commit();
      } catch (UncheckedIOException e) {
        throw new WriteException(WriteErrorCause.INTERNAL, "commit to the TSDB of tenant " + tenant + ": "
            + e.getCause().getMessage());
      }
      if (badSeries > 0) {
        throw new WriteException(WriteErrorCause.VALIDATION, WriteErrorCause.VALIDATION.message() + ": "
            + badSeries + " series with invalid labels not stored, e.g. " + firstBad
            + (refused.isEmpty() ? "" : "; also " + describe(refused) + ", e.g. " + firstRefused));
      }
      if (!refused.isEmpty()) {
        throw new WriteException(WriteErrorCause.CONFLICT, WriteErrorCause.CONFLICT.message() + ": "
            + describe(refused) + " not stored, e.g. " + firstRefused);
      }
      return new Result(samples, stored);
    });
  }

  private static String describe(Map<AppendError, Integer> refused) {
    StringBuilder b = new StringBuilder();
    refused.forEach((e, n) -> b.append(b.length() == 0 ? "" : ", ").append(n).append(" samples: ")
        .append(e.text()));
    return b.toString();
  }
}
