/** TLS trust for the providers' HTTP clients from {@code http_config.tls_config}. */
package io.thanosjvm.objstore.tls;
