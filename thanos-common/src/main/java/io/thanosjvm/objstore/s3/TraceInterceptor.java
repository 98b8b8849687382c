package io.thanosjvm.objstore.s3;

import java.lang.System.Logger.Level;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Logs every S3 request line and response status at debug level ({@code trace.enable}). */
final class TraceInterceptor implements ExecutionInterceptor {

  private static final System.Logger LOG = System.getLogger(TraceInterceptor.class.getName());

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    LOG.log(Level.DEBUG, () -> "s3 request: " + context.httpRequest().method() + " " + context.httpRequest().getUri());
  }

  @Override
  public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
    LOG.log(Level.DEBUG, () -> "s3 response: " + context.httpResponse().statusCode() + " for "
        + context.httpRequest().method() + " " + context.httpRequest().getUri());
  }
}
