#!/usr/bin/env bash
# Azurite (Azure Blob emulator) for the objstore tests. 3.35.0 is the newest that runs on Node 20.
command -v azurite-blob >/dev/null || npm install -g --silent azurite@3.35.0 >/dev/null 2>&1
