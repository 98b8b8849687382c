package io.thanosjvm.objstore.config;

/** The objstore YAML is malformed, has an unknown key, misses a required one or holds a bad value. */
public class InvalidObjstoreConfigException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception; the message names the source and the offending key. */
  public InvalidObjstoreConfigException(String message) {
    super(message);
  }

  /** Creates the exception with a cause. */
  public InvalidObjstoreConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
