#!/usr/bin/env bash
# Real peers for the TSDB tests: Prometheus 2.42 and promtool (Debian package "prometheus").
command -v promtool >/dev/null && command -v prometheus >/dev/null || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus >/dev/null
}
