#!/usr/bin/env bash
# Installs dnsmasq (Debian package 'dnsmasq-base', no system service): the DNS discovery tests start their own
# server on loopback with the SRV and A records they need.
set -euo pipefail
if ! command -v dnsmasq >/dev/null 2>&1 && [[ ! -x /usr/sbin/dnsmasq ]]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq dnsmasq-base >/dev/null
fi
/usr/sbin/dnsmasq --version 2>&1 | head -1
