package io.thanosjvm.objstore;

/** The named object does not exist; never retryable. */
public class ObjectNotFoundException extends ObjectStoreException {

  private static final long serialVersionUID = 1L;

  private final String objectName;

  /** Creates the exception for {@code objectName} in bucket {@code bucket}. */
  public ObjectNotFoundException(String bucket, String objectName, Throwable cause) {
    super("object not found: " + objectName + " in bucket " + bucket, false, cause);
    this.objectName = objectName;
  }

  /** Returns the name of the missing object. */
  public String objectName() {
    return objectName;
  }

  /** Returns whether {@code error} or one of its causes is an {@link ObjectNotFoundException}. */
  public static boolean isCauseOf(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ObjectNotFoundException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
