package io.thanosjvm.rules;

import io.thanosjvm.model.Labels;
import java.util.Map;

/**
 * One alert of an alerting rule: its identity (labels), the latest annotations and value, its state and the times
 * Prometheus tracks (activeAt, firedAt, resolvedAt, lastSentAt, validUntil; 0 = unset). Mutated only by the rule's
 * evaluation thread.
 */
public final class Alert {

  /** Prometheus' alert states. */
  public enum State {
    /** No longer active (resolved), kept for a while to be sent as resolved. */
    INACTIVE,
    /** Active for less than the rule's {@code for}. */
    PENDING,
    /** Active for at least the rule's {@code for}. */
    FIRING;

    /** The {@code alertstate} label value. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final Labels labels;
  private Map<String, String> annotations;
  private double value;
  private State state;
  private long activeAt;
  private long firedAt;
  private long resolvedAt;
  private long lastSentAt;
  private long validUntil;
  private long keepFiringSince;

  Alert(Labels labels, Map<String, String> annotations, double value, long activeAt) {
    this.labels = labels;
    this.annotations = Map.copyOf(annotations);
    this.value = value;
    this.state = State.PENDING;
    this.activeAt = activeAt;
  }

  /** The alert's labels: the series' labels without {@code __name__}, plus the rule's labels and alertname. */
  public Labels labels() {
    return labels;
  }

  /** The annotations expanded at the latest evaluation. */
  public Map<String, String> annotations() {
    return annotations;
  }

  /** The series' value at the latest evaluation. */
  public double value() {
    return value;
  }

  /** The current state. */
  public State state() {
    return state;
  }

  /** When it became active (ms). */
  public long activeAt() {
    return activeAt;
  }

  /** When it started firing (ms), or 0. */
  public long firedAt() {
    return firedAt;
  }

  /** When it was resolved (ms), or 0. */
  public long resolvedAt() {
    return resolvedAt;
  }

  /** When it was last sent to Alertmanager (ms), or 0. */
  public long lastSentAt() {
    return lastSentAt;
  }

  /** Until when the last sent copy stays valid in Alertmanager without a resend (ms), or 0. */
  public long validUntil() {
    return validUntil;
  }

  /** Since when it has been kept firing without its series ({@code keep_firing_for}, ms), or 0. */
  public long keepFiringSince() {
    return keepFiringSince;
  }

  void keepFiringSince(long t) {
    this.keepFiringSince = t;
  }

  void refresh(Map<String, String> annotations, double value) {
    this.annotations = Map.copyOf(annotations);
    this.value = value;
  }

  void fire(long t) {
    state = State.FIRING;
    firedAt = t;
  }

  void resolve(long t) {
    state = State.INACTIVE;
    resolvedAt = t;
  }

  void restoreActiveAt(long t) {
    this.activeAt = t;
  }

  void sent(long t, long validUntil) {
    this.lastSentAt = t;
    this.validUntil = validUntil;
  }

  /**
   * Whether it must be sent at {@code t}: never while pending; at once after being resolved since the last send;
   * otherwise once {@code resendDelayMillis} has passed since the last send.
   */
  public boolean needsSending(long t, long resendDelayMillis) {
    if (state == State.PENDING) {
      return false;
    }
    if (resolvedAt > lastSentAt) {
      return true;
    }
    return lastSentAt + resendDelayMillis < t;
  }
}
