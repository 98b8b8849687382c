#!/usr/bin/env bash
# Installs Redis 7 (Debian package 'redis-server', built with TLS) and the openssl CLI that the TLS cache tests
# use to make their certificates; the cache tests start their own servers on loopback.
set -euo pipefail
if ! command -v redis-server >/dev/null 2>&1 || ! command -v openssl >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq redis-server openssl >/dev/null
fi
redis-server --version 2>&1 | head -1
openssl version
