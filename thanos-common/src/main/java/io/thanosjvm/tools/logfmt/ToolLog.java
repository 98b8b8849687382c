package io.thanosjvm.tools.logfmt;

import io.thanosjvm.model.PromStrings;
import java.io.PrintStream;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A tool's log in Thanos' logfmt shape ({@code ts=... level=warn verifier=... msg="..." k=v}): this is how
 * Thanos' {@code tools bucket verify} and {@code replicate} report what they do, so scripts grepping Thanos' output
 * work on ours.
 */
public final class ToolLog {

  private final PrintStream out;
  private final Clock clock;
  private final List<String> context;

  /** A log writing to {@code out}, stamping lines with {@code clock}. */
  public ToolLog(PrintStream out, Clock clock) {
    this(out, clock, List.of());
  }

  private ToolLog(PrintStream out, Clock clock, List<String> context) {
    this.out = out;
    this.clock = clock;
    this.context = context;
  }

  /** A log adding {@code key=value} to every line (go-kit's {@code log.With}). */
  public ToolLog with(String key, String value) {
    List<String> c = new ArrayList<>(context);
    c.add(key);
    c.add(value);
    return new ToolLog(out, clock, List.copyOf(c));
  }

  /** Logs at info level; {@code kv} alternates keys and values. */
  public void info(String msg, Object... kv) {
    log("info", msg, kv);
  }

  /** Logs at warn level; {@code kv} alternates keys and values. */
  public void warn(String msg, Object... kv) {
    log("warn", msg, kv);
  }

  /** Logs at error level; {@code kv} alternates keys and values. */
  public void error(String msg, Object... kv) {
    log("error", msg, kv);
  }

  private void log(String level, String msg, Object... kv) {
    StringBuilder sb = new StringBuilder();
    sb.append("ts=").append(DateTimeFormatter.ISO_INSTANT.format(clock.instant())).append(" level=").append(level);
    for (int i = 0; i + 1 < context.size(); i += 2) {
      sb.append(' ').append(context.get(i)).append('=').append(value(context.get(i + 1)));
    }
    sb.append(" msg=").append(value(msg));
    for (int i = 0; i + 1 < kv.length; i += 2) {
      sb.append(' ').append(kv[i]).append('=').append(value(String.valueOf(kv[i + 1])));
    }
    synchronized (out) {
      out.println(sb);
    }
  }

  /** A logfmt value: bare unless it holds spaces, quotes, '=' or control characters (then Go-quoted). */
  public static String value(String v) {
    if (v.isEmpty()) {
      return "\"\"";
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c <= ' ' || c == '"' || c == '=' || c == '\\' || c == 0x7f) {
        return PromStrings.quote(v);
      }
    }
    return v;
  }
}
