/**
 * The GCS provider on google-cloud-storage: inline service-account JSON or Application Default
 * Credentials, JSON/HTTP or gRPC transport, resumable uploads that only become visible when finalized.
 */
package io.thanosjvm.objstore.gcs;
