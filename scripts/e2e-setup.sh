#!/usr/bin/env bash
# Installs what the real-VS-Code tests need (see test/e2e/README.md):
#   - Debian packages: native build tools for code-server's modules, ripgrep, chromium, a CJK font;
#   - code-server (VS Code 1.100.3, the newest that installs on Node 20) and playwright-core,
#     into .tools/ (git-ignored), never into the extension's own dependencies.
# Idempotent: when everything is present it returns in well under a second.
set -euo pipefail
cd "$(dirname "$0")/.."

CODE_SERVER_VERSION=4.100.3
PLAYWRIGHT_VERSION=1.65.1
# code-server 4.100.3 depends on @vscode/ripgrep 1.15.11, which downloads this file from GitHub
# at install time unless it already sits in its cache under $TMPDIR.
RG_CACHE_DIR=vscode-ripgrep-cache-1.15.11
RG_CACHE_FILE=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

TOOLS="$PWD/.tools"
STAMP="$TOOLS/.installed-$CODE_SERVER_VERSION-$PLAYWRIGHT_VERSION"

log() { printf '[e2e-setup] %s\n' "$*" >&2; }

# 1. Debian packages, only those missing.
DEB_PACKAGES=(build-essential python3 pkg-config libkrb5-dev libxkbfile-dev libsecret-1-dev ripgrep chromium fonts-wqy-microhei)
missing=()
for p in "${DEB_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  log "apt-get install ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 2. code-server + playwright-core in .tools/.
if [ -f "$STAMP" ] && [ -x "$TOOLS/node_modules/.bin/code-server" ] && [ -d "$TOOLS/node_modules/playwright-core" ]; then
  log "code-server $CODE_SERVER_VERSION and playwright-core $PLAYWRIGHT_VERSION already installed"
  exit 0
fi

mkdir -p "$TOOLS/tmp/$RG_CACHE_DIR"
rg_tar="$TOOLS/tmp/$RG_CACHE_DIR/$RG_CACHE_FILE"
if [ ! -s "$rg_tar" ]; then
  rg_bin="$(command -v rg)"
  stage="$(mktemp -d "$TOOLS/tmp/rg.XXXXXX")"
  cp "$rg_bin" "$stage/rg"
  tar -czf "$rg_tar" -C "$stage" rg
  rm -rf "$stage"
fi

cat > "$TOOLS/package.json" <<EOF
{
  "name": "gongwen-e2e-tools",
  "private": true,
  "description": "Tools for the real-VS-Code tests; installed by scripts/e2e-setup.sh, ignored by git.",
  "dependencies": {
    "code-server": "$CODE_SERVER_VERSION",
    "playwright-core": "$PLAYWRIGHT_VERSION"
  }
}
EOF

log "npm install code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_VERSION into .tools/ (takes a few minutes once)"
start=$SECONDS
(
  cd "$TOOLS"
  # npm_config_yes: node-pty's install runs `npx node-gyp`, which would otherwise prompt.
  # npm_config_unsafe_perm: code-server's install refuses to run as root without it.
  TMPDIR="$TOOLS/tmp" npm_config_yes=true npm_config_unsafe_perm=true \
    npm install --no-audit --no-fund --loglevel=error
)
"$TOOLS/node_modules/.bin/code-server" --version >/dev/null
rm -f "$TOOLS"/.installed-*
touch "$STAMP"
log "installed in $((SECONDS - start)) s"
