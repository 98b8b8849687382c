package io.thanosjvm.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

class ThanosLogFormattersTest {

  private static LoggingEvent event(String message) {
    Logger logger = new LoggerContext().getLogger("io.thanosjvm.store.BucketStore");
    LoggingEvent e = new LoggingEvent("fqcn", logger, Level.INFO, message, null, null);
    e.setTimeStamp(1_700_000_000_123L);
    e.setKeyValuePairs(List.of(new KeyValuePair("block", "01HXYZ"), new KeyValuePair("err", "a b")));
    return e;
  }

  @Test
  void logfmtLinesLookLikeThanos() {
    assertThat(new ThanosLogfmtFormatter().format(event("loaded new block")))
        .isEqualTo("ts=2023-11-14T22:13:20.123Z caller=BucketStore level=info msg=\"loaded new block\" "
            + "block=01HXYZ err=\"a b\"\n");
  }

  @Test
  void jsonLinesHaveSortedKeysAndEscapes() {
    assertThat(new ThanosJsonLogFormatter().format(event("say \"hi\"\n")))
        .isEqualTo("{\"block\":\"01HXYZ\",\"caller\":\"BucketStore\",\"err\":\"a b\",\"level\":\"info\","
            + "\"msg\":\"say \\\"hi\\\"\\n\",\"ts\":\"2023-11-14T22:13:20.123Z\"}\n");
  }

  @Test
  void logfmtQuotesOnlyWhenNeeded() {
    assertThat(ThanosLogfmtFormatter.value("plain")).isEqualTo("plain");
    assertThat(ThanosLogfmtFormatter.value("k=v")).isEqualTo("\"k=v\"");
    assertThat(ThanosLogfmtFormatter.value("")).isEqualTo("");
  }
}
