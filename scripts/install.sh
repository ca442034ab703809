#!/usr/bin/env bash
# Installs Enamel as a hardened systemd service on Debian 12/13, or removes it keeping the data.
#
#   sudo scripts/install.sh              install or upgrade (idempotent)
#   scripts/install.sh --dry-run         print what it would do, change nothing
#   sudo scripts/install.sh --uninstall  remove the service and the program; keep /var/lib/enamel
#
# Options: --root DIR installs under DIR (for tests and image builds); --source DIR is the
# checkout to install (default: the one this script lives in).
set -euo pipefail

DRY_RUN=0
UNINSTALL=0
ROOT=""
SOURCE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_MIN="20.19.0"

while (($# > 0)); do
  case "$1" in
    --dry-run) DRY_RUN=1 ;;
    --uninstall) UNINSTALL=1 ;;
    --root) ROOT="${2:?--root needs a directory}"; shift ;;
    --source) SOURCE="${2:?--source needs a directory}"; shift ;;
    -h | --help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

APP_DIR="$ROOT/opt/enamel"
CONF_DIR="$ROOT/etc/enamel"
CONF="$CONF_DIR/enamel.conf"
DATA_DIR="$ROOT/var/lib/enamel"
UNIT="$ROOT/etc/systemd/system/enamel.service"

say() { printf '%s\n' "$*"; }
# Every change goes through run: in a dry run it is printed, not done.
run() {
  if ((DRY_RUN)); then
    say "would run: $*"
  else
    say "+ $*"
    "$@"
  fi
}
fail() { echo "install.sh: $*" >&2; exit 1; }

if ((!DRY_RUN)) && [[ $(id -u) -ne 0 ]]; then
  fail "run as root (sudo), or try --dry-run"
fi

version_ge() { [[ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n 1)" == "$2" ]]; }

check_platform() {
  if [[ -r /etc/os-release ]]; then
    # shellcheck disable=SC1091
    . /etc/os-release
    case "${ID:-}:${VERSION_ID:-}" in
      debian:12 | debian:13) say "platform: Debian $VERSION_ID" ;;
      *) say "warning: tested on Debian 12/13, this is ${PRETTY_NAME:-unknown}" ;;
    esac
  fi
  local node_version
  node_version=$(node -p 'process.versions.node' 2>/dev/null || true)
  if [[ -z "$node_version" ]] || ! version_ge "$node_version" "$NODE_MIN"; then
    fail "Node.js >= $NODE_MIN is required (found: ${node_version:-none}). Debian's own nodejs is too old: install a current LTS (22 or 24) from the NodeSource Debian repository or nodejs.org, as /usr/bin/node."
  fi
  say "node: $node_version"
}

install_packages() {
  local missing=()
  for pkg in restic openssh-client ca-certificates python3 make g++; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if ((${#missing[@]} == 0)); then
    say "packages: restic and the build tools are installed"
  else
    run apt-get update
    run env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  fi
}

create_user() {
  if getent passwd enamel >/dev/null; then
    say "user: enamel exists"
  else
    run useradd --system --home-dir /var/lib/enamel --no-create-home --shell /usr/sbin/nologin enamel
  fi
}

install_program() {
  run install -d -m 0755 "$APP_DIR"
  # The program is root-owned: the service can read it but never rewrite itself.
  run cp -a "$SOURCE/package.json" "$SOURCE/package-lock.json" "$SOURCE/tsconfig.json" \
    "$SOURCE/scripts" "$SOURCE/server" "$SOURCE/views" "$SOURCE/static" \
    "$SOURCE/bin" "$SOURCE/systemd" "$APP_DIR/"
  run bash -c "cd '$APP_DIR' && npm ci --no-audit --no-fund && npm run build && npm prune --omit=dev --no-audit --no-fund"
}

install_config() {
  run install -d -m 0750 -o root -g enamel "$CONF_DIR"
  if [[ -e "$CONF" ]]; then
    say "config: $CONF exists, kept as it is"
  else
    run install -m 0640 -o root -g enamel "$SOURCE/systemd/enamel.conf.example" "$CONF"
    say "config: edit $CONF (ENAMEL_PUBLIC_NAMES above all) before the first start"
  fi
  run install -m 0644 "$SOURCE/systemd/enamel.service" "$UNIT"
  run systemctl daemon-reload
}

# Reads enamel.conf the way systemd's EnvironmentFile does (NAME=value, # comments),
# so values with spaces (the clinic's name) need no shell quoting.
conf_env() {
  local line
  [[ -r "$CONF" ]] || return 0
  while IFS= read -r line || [[ -n "$line" ]]; do
    [[ "$line" =~ ^[[:space:]]*(#|$) ]] && continue
    [[ "$line" =~ ^(ENAMEL_[A-Z0-9_]+)=(.*)$ ]] && printf '%s=%s\n' "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
  done <"$CONF"
}

initialize() {
  if [[ -e "$DATA_DIR/enamel.db" || -e "$DATA_DIR/pki/ca.crt" ]]; then
    say "data: $DATA_DIR holds a clinic; not touching it"
    return
  fi
  run install -d -m 0700 -o enamel -g enamel "$DATA_DIR"
  local env_args=()
  mapfile -t env_args < <(conf_env)
  if ((DRY_RUN)); then
    say "would run: enamel init as user enamel in $DATA_DIR, then print the owner's first login"
    return
  fi
  local json
  json=$(runuser -u enamel -- env "${env_args[@]}" ENAMEL_DATA_DIR="$DATA_DIR" \
    node "$APP_DIR/bin/enamel.js" init --json)
  # shellcheck disable=SC2016 # JavaScript template literals, not shell expansions
  node -e '
    const r = JSON.parse(process.argv[1])
    console.log(`
Enamel is set up. Keep this once; the password and passphrase are stored nowhere else.
  1. Copy ${r.device.p12} and ${r.caCert} to the owner'"'"'s PC (USB stick),
     then delete the .p12 here.
  2. Import the .p12 (passphrase ${r.device.passphrase}) and trust ca.crt as a root CA
     (README: "The owner'"'"'s first login").
  3. Open ${r.url} and sign in as "${r.owner.login}" with the one-time password
     ${r.owner.password} — you will choose your own at once.`)
  ' "$json"
}

uninstall() {
  run systemctl disable --now enamel.service || true
  run rm -f "$UNIT"
  run systemctl daemon-reload
  run rm -rf "$APP_DIR"
  say "kept: $DATA_DIR (the clinic's data), $CONF_DIR (settings) and the user enamel."
  say "To erase the data for good, after a verified backup: rm -rf $DATA_DIR"
}

if ((UNINSTALL)); then
  uninstall
  exit 0
fi

check_platform
install_packages
create_user
install_program
install_config
initialize
run systemctl enable --now enamel.service
say "done: systemctl status enamel; journalctl -u enamel"
