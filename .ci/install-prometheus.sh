#!/usr/bin/env bash
# Installs Prometheus 2.42 and promtool (Debian package 'prometheus'); tests start them as local processes.
set -euo pipefail
if ! command -v promtool >/dev/null 2>&1 || ! command -v prometheus >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq prometheus >/dev/null
fi
# the package's service is not wanted: tests start their own servers on loopback
prometheus --version 2>&1 | head -1
