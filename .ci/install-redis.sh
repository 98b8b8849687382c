#!/usr/bin/env bash
# Installs Redis 7 (Debian package 'redis-server'); the index cache tests start their own servers on loopback.
set -euo pipefail
if ! command -v redis-server >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq redis-server >/dev/null
fi
redis-server --version 2>&1 | head -1
