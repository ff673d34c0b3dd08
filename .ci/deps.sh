#!/usr/bin/env bash
# Install the interop tools that docskill's interop tests / CI need on a fresh
# Debian 12 machine. Idempotent: a second run takes about a second.
#
#   bash .ci/deps.sh
#
# 1. Debian packages (root only): headless LibreOffice (writer/calc/impress,
#    "-nogui" flavour: no X/GTK stack) + poppler-utils + metric-compatible
#    fonts (Liberation = Arial/Times/Courier, Carlito = Calibri,
#    Caladea = Cambria), so `soffice --headless --convert-to pdf` works for
#    .docx, .xlsx and .pptx. Skipped when the tools are already on PATH;
#    skipped with a warning when not root or when there is no apt-get.
# 2. A Python venv at ${DOCSKILL_VENV:-$PWD/target/interop-venv} with pinned
#    python-docx, python-pptx, openpyxl, pypdf and the MCP client (mcp). Skipped when the venv
#    already has exactly these pins (stamp file + import check).
#
# Env knobs:
#   DOCSKILL_VENV     venv location (default: $PWD/target/interop-venv)
#   DOCSKILL_PYTHON   interpreter used to create the venv (default: python3)
#
# Working conversion (private profile => safe to run in parallel):
#   soffice -env:UserInstallation=file:///tmp/lo-profile-$$ --headless \
#           --norestore --convert-to pdf --outdir OUTDIR FILE.docx
set -euo pipefail

start_s=$(date +%s.%N)
log()  { printf '[deps] %s\n' "$*"; }
warn() { printf '[deps] WARNING: %s\n' "$*" >&2; }

LO_PACKAGES=(
  libreoffice-core-nogui
  libreoffice-writer-nogui
  libreoffice-calc-nogui
  libreoffice-impress-nogui
)
POPPLER_PACKAGES=(poppler-utils)
FONT_PACKAGES=(
  fonts-liberation2
  fonts-crosextra-carlito
  fonts-crosextra-caladea
  fonts-dejavu-core
)

PY_PINS=(
  "python-docx==1.2.0"
  "python-pptx==1.0.2"
  "openpyxl==3.1.5"
  "pypdf==7.1.0"
  "mcp==2.3.0"
)

# ---------------------------------------------------------------- apt part
pkgs=()
# LibreOffice: soffice plus the writer (sw), calc (sc) and impress (sd) modules.
lo_ok=0
if command -v soffice >/dev/null 2>&1; then
  lo_dir=$(dirname "$(readlink -f "$(command -v soffice)")")
  if [ -e "$lo_dir/libswlo.so" ] && [ -e "$lo_dir/libsclo.so" ] && [ -e "$lo_dir/libsdlo.so" ]; then
    lo_ok=1
  fi
fi
[ "$lo_ok" = 1 ] || pkgs+=("${LO_PACKAGES[@]}")
if ! command -v pdftoppm >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then
  pkgs+=("${POPPLER_PACKAGES[@]}")
fi
# Carlito is what LibreOffice substitutes for Calibri (the default font of
# python-docx/python-pptx/openpyxl documents); without it text metrics shift.
if [ "$lo_ok" = 0 ] || [ -z "$(find /usr/share/fonts /usr/local/share/fonts \
      -iname 'carlito*' -print -quit 2>/dev/null)" ]; then
  pkgs+=("${FONT_PACKAGES[@]}")
fi

py=${DOCSKILL_PYTHON:-python3}
need_venv_pkg=0
if command -v "$py" >/dev/null 2>&1; then
  "$py" -c 'import venv, ensurepip' >/dev/null 2>&1 || need_venv_pkg=1
else
  need_venv_pkg=1
fi

if [ "$need_venv_pkg" = 1 ]; then
  pkgs+=(python3 python3-venv)
fi

if [ "${#pkgs[@]}" = 0 ]; then
  log "apt: soffice, pdftoppm, pdftotext already installed, skipping"
elif [ "$(id -u)" != 0 ]; then
  warn "not root: cannot apt-get install ${pkgs[*]}; skipping (interop tests needing them will be skipped)"
elif ! command -v apt-get >/dev/null 2>&1; then
  warn "no apt-get on this machine: skipping Debian packages"
else
  [ "$need_venv_pkg" = 1 ] && py=/usr/bin/python3
  export DEBIAN_FRONTEND=noninteractive
  apt_log=$(mktemp /tmp/docskill-apt.XXXXXX)
  log "apt-get update && apt-get install ${pkgs[*]} (log: $apt_log)"
  if ! { apt-get update -q && apt-get install -y -q --no-install-recommends \
           -o Dpkg::Use-Pty=0 "${pkgs[@]}"; } >"$apt_log" 2>&1; then
    tail -n 40 "$apt_log" >&2
    warn "apt-get failed (full log: $apt_log)"
    exit 1
  fi
  rm -f "$apt_log"
fi

# ---------------------------------------------------------------- venv part
venv=${DOCSKILL_VENV:-$PWD/target/interop-venv}
stamp="$venv/.docskill-pins"
want_pins=$(printf '%s\n' "${PY_PINS[@]}")
vpy="$venv/bin/python"

if [ -x "$vpy" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want_pins" ] \
   && "$vpy" -c 'import docx, pptx, openpyxl, pypdf, mcp' >/dev/null 2>&1; then
  log "venv: $venv already has ${PY_PINS[*]}, skipping"
elif ! command -v "$py" >/dev/null 2>&1; then
  warn "no $py: cannot create $venv; skipping Python packages"
else
  if [ ! -x "$vpy" ] || ! "$vpy" -c pass >/dev/null 2>&1; then
    log "creating venv $venv"
    mkdir -p "$(dirname "$venv")"
    "$py" -m venv --clear "$venv"
  fi
  log "pip install ${PY_PINS[*]}"
  PIP_DISABLE_PIP_VERSION_CHECK=1 "$vpy" -m pip install -q "${PY_PINS[@]}"
  "$vpy" -c 'import docx, pptx, openpyxl, pypdf, mcp'
  printf '%s\n' "$want_pins" > "$stamp"
fi

# ---------------------------------------------------------------- report
ver() { # name, command...: first line of output, or "missing"
  local name=$1; shift
  local out
  if out=$("$@" 2>&1 | sed -n 1p) && [ -n "$out" ]; then
    printf '  %-12s %s\n' "$name" "$out"
  else
    printf '  %-12s %s\n' "$name" "missing"
  fi
}
log "versions:"
if command -v soffice >/dev/null 2>&1; then
  ver soffice soffice --version
else
  printf '  %-12s missing\n' soffice
fi
for t in pdftoppm pdftotext; do
  if command -v "$t" >/dev/null 2>&1; then ver "$t" "$t" -v; else printf '  %-12s missing\n' "$t"; fi
done
if [ -x "$vpy" ]; then
  ver python "$vpy" --version
  "$vpy" - <<'EOF' || true
from importlib.metadata import version, PackageNotFoundError
for d in ("python-docx", "python-pptx", "openpyxl", "pypdf"):
    try:
        v = version(d)
    except PackageNotFoundError:
        v = "missing"
    print(f"  {d:<12} {v}")
EOF
else
  printf '  %-12s missing\n' venv
fi
end_s=$(date +%s.%N)
log "$(awk -v a="$start_s" -v b="$end_s" 'BEGIN{printf "done in %.1f s", b-a}') (venv: $venv)"
