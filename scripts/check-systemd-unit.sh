#!/usr/bin/env bash
# Checks systemd/enamel.service: `systemd-analyze verify` must be clean and the sandbox
# exposure score must stay at or below 2.0 ("OK"). Works offline, without systemd running.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
unit=systemd/enamel.service

if ! command -v systemd-analyze >/dev/null 2>&1; then
  if [[ -f /etc/debian_version && $(id -u) -eq 0 ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends systemd
  else
    echo "check-systemd-unit needs: sudo apt-get install -y systemd" >&2
    exit 1
  fi
fi

status=0

# verify also checks that ExecStart's binary exists. On a machine without /usr/bin/node
# (or without /opt/enamel) that one complaint is expected and ignored; anything else fails.
verify_out=$(systemd-analyze verify "$unit" 2>&1) || true
problems=$(grep -vE 'Command /usr/bin/node is not executable|/opt/enamel' <<<"$verify_out" || true)
if [[ -n $problems ]]; then
  echo "systemd-analyze verify $unit:" >&2
  echo "$problems" >&2
  status=1
elif [[ -n $verify_out ]]; then
  echo "note (ignored): $verify_out" >&2
fi

# --threshold=20 means an exposure of 2.0; above it the command exits non-zero.
if ! security_out=$(systemd-analyze security --offline=true --threshold=20 "$unit" 2>&1); then
  echo "$security_out" >&2
  echo "$unit: exposure above 2.0" >&2
  status=1
fi
echo "${security_out##*$'\n'}"

exit "$status"
