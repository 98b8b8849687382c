package io.thanosjvm.objstore;

/** The bucket operations, with the {@code operation} label values Thanos' objstore metrics use. */
public enum BucketOperation {
  /** {@link Bucket#iter}. */
  ITER("iter"),
  /** {@link Bucket#get}. */
  GET("get"),
  /** {@link Bucket#getRange}. */
  GET_RANGE("get_range"),
  /** {@link Bucket#exists}. */
  EXISTS("exists"),
  /** {@link Bucket#upload}. */
  UPLOAD("upload"),
  /** {@link Bucket#delete}. */
  DELETE("delete"),
  /** {@link Bucket#attributes}. */
  ATTRIBUTES("attributes");

  private final String label;

  BucketOperation(String label) {
    this.label = label;
  }

  /** Returns the metric label value, e.g. {@code get_range}. */
  public String label() {
    return label;
  }
}
