package io.thanosjvm.app.rule;

import io.thanosjvm.rules.Ruler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/** Reloads the rules on SIGHUP, as Thanos does; a bad file is logged and the previous rules keep running. */
final class ReloadSignal implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReloadSignal.class);

  private final SignalHandler previous;

  private ReloadSignal(SignalHandler previous) {
    this.previous = previous;
  }

  static ReloadSignal install(Ruler ruler) {
    SignalHandler previous = Signal.handle(new Signal("HUP"), s -> {
      try {
        ruler.reload();
        LOG.info("reloaded rules on SIGHUP");
      } catch (RuntimeException e) {
        LOG.error("reloading rules on SIGHUP failed: {}", e.getMessage());
      }
    });
    return new ReloadSignal(previous);
  }

  @Override
  public void close() {
    if (previous != null) {
      Signal.handle(new Signal("HUP"), previous);
    }
  }
}
