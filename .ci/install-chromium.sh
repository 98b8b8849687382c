#!/usr/bin/env bash
# Chromium (Debian package 'chromium') for the query UI's headless browser test: it loads /graph and dumps the
# DOM after the page's JavaScript ran against the real query API.
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi
chromium --version 2>/dev/null | head -1
