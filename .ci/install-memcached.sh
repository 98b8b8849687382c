#!/usr/bin/env bash
# Installs memcached 1.6 (Debian package 'memcached'); the index cache tests start their own servers on loopback.
set -euo pipefail
if ! command -v memcached >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq memcached >/dev/null
fi
memcached -V 2>&1 | head -1
