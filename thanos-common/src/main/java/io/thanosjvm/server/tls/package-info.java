/**
 * TLS material that follows its files: key and trust managers that re-read the certificate, key and CA files when
 * they change (checked at handshakes, at most once per interval), as Thanos re-reads them, so certificates renewed
 * by cert-manager or a Kubernetes secret update take effect without a restart. A change that does not load (a
 * half-written file) keeps the previous material and is reported.
 */
package io.thanosjvm.server.tls;
