/**
 * gRPC plumbing shared by servers and clients: Thanos' {@code snappy} message compressor (framed snappy
 * format) and the go-grpc-prometheus metric families ({@code grpc_server_handled_total}, ...).
 */
package io.thanosjvm.server.grpc;
