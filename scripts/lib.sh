# SPDX-License-Identifier: EUPL-1.2
# Shared by scripts/demo and scripts/test: install what is missing, say what happens.
# Each step prints one line; a failure says what to do next.

UV_VERSION="0.13.9"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

ensure_uv() {
  if command -v uv >/dev/null 2>&1; then return; fi
  say "Installing uv ${UV_VERSION} (Python package manager) with pip"
  python3 -m pip install --quiet --disable-pip-version-check "uv==${UV_VERSION}" \
    || die "could not install uv with pip; check that PyPI is reachable, then run this again."
  command -v uv >/dev/null 2>&1 || export PATH="$HOME/.local/bin:$PATH"
}

# ensure_python_env [--no-dev]: the locked Python packages in .venv/, compiled to bytecode.
# Compiled ahead because Python may be told not to write its own cache
# (PYTHONDONTWRITEBYTECODE, as on these machines): then every `lifegate` command,
# test worker and demo start would compile some 1,700 modules again, about 2 s each time.
ensure_python_env() {
  say "Python packages (uv.lock)"
  if [ "${1:-}" = "--no-dev" ]; then
    # --inexact keeps test tools that a previous `scripts/test` installed.
    uv sync --frozen --no-dev --inexact --compile-bytecode --quiet
  else
    uv sync --frozen --compile-bytecode --quiet
  fi || die "uv could not install the locked packages; check that PyPI is reachable."
  # lifegate's own modules (an editable install, which uv leaves alone); only changed
  # files are compiled again. A file that does not compile is reported by the checks.
  uv run --frozen --no-sync python -m compileall -q -j 0 src tests >/dev/null 2>&1 || true
}

# ensure_debian_packages PKG...: install Debian packages that are missing (needs root).
ensure_debian_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return
  say "Installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null \
    || die "apt-get could not install ${missing[*]}; install them yourself, then run this again."
}

ensure_node_tools() {
  command -v npm >/dev/null 2>&1 || ensure_debian_packages nodejs npm
  if [ ! -x frontend/node_modules/.bin/spectral ] || [ frontend/package-lock.json -nt frontend/node_modules/.package-lock.json ]; then
    say "Node tools (frontend/package-lock.json)"
    npm ci --prefix frontend --no-audit --no-fund --silent \
      || die "npm could not install frontend/package-lock.json; check that the npm registry is reachable."
  fi
}
