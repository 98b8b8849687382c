#!/usr/bin/env bash
# Installs Alertmanager 0.25 (Debian package 'prometheus-alertmanager'); the ruler's tests start it on loopback.
set -euo pipefail
if ! command -v prometheus-alertmanager >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq prometheus-alertmanager >/dev/null
fi
prometheus-alertmanager --version 2>&1 | head -1
