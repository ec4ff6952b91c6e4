#!/usr/bin/env bash
# A Debian 13 "trixie" root file system with QGIS 3.40 LTR, kept outside the clone, for running the
# QGIS tests on the current LTR beside the system's QGIS 3.22 (scripts/test_trixie.sh uses it).
#
#   bash scripts/trixie_root.sh          # build or refresh (idempotent; seconds when up to date)
#   bash scripts/trixie_root.sh --path   # print where the root lives
#
# Layers, each with its own stamp so a change redoes only what it must:
#   1. debootstrap --variant=minbase trixie (the mirror of the machine's apt sources)   .stamp-base
#   2. QGIS 3.40 and Debian's Python packages (APT_PACKAGES below)                       .stamp-apt
#   3. a --system-site-packages venv at /opt/venv for what Debian lacks, from this
#      checkout's requirements*.txt with constraints-trixie.txt                          .stamp-pip
# A layer whose stamp is missing (an interrupted build) is redone; a broken base is rebuilt from
# scratch. Concurrent callers wait on a lock. Mounts happen in a private mount namespace
# (unshare), so nothing stays mounted when a run ends, however it ends.
set -euo pipefail
cd "$(dirname "$0")/.."
CHECKOUT=$(pwd)
TRIXIE_ROOT=${URBANIZATION_TRIXIE_ROOT:-/var/cache/urbanization-planning/trixie}
if [ "${1:-}" = "--path" ]; then echo "$TRIXIE_ROOT"; exit 0; fi

# python3-setuptools: Debian's python3-pkg-resources leaves a bare setuptools/ folder that makes
# pip's legacy setup.py builds (sdists such as prcoords) fail without the real package
APT_PACKAGES=(qgis python3-qgis qgis-providers python3-pyqt5 gdal-bin python3-rasterio python3-scipy
  python3-shapely python3-geopandas python3-networkx python3-pandas python3-venv python3-pip
  python3-setuptools
  proj-data xvfb xauth fonts-noto-cjk poppler-utils qttools5-dev-tools pyqt5-dev-tools
  ca-certificates git)

if [ "$(id -u)" -ne 0 ]; then echo "scripts/trixie_root.sh needs root (debootstrap, chroot)" >&2; exit 1; fi

mirror() {  # the Debian mirror the machine's own apt sources use
  local uri
  uri=$(grep -hE '^(URIs:|deb )' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
    | grep -v security | head -1 | sed -E 's/^URIs:[[:space:]]*//; s/^deb (\[[^]]*\] )?//; s/[[:space:]].*//')
  echo "${uri:-http://deb.debian.org/debian}"
}

# Run a command inside the root with /proc, /dev, /sys and the checkout (at the same path) mounted,
# in a private mount namespace: the mounts vanish with the namespace, and the trap unmounts them
# explicitly as well.
in_root() {
  # A /tmp of its own per run (runs from several checkouts may share the root at once). It is made
  # and removed out here, where nothing is mounted on it, so removing it can never reach into the
  # checkout, which inside the namespace may be mounted below it (a CI clone in /tmp).
  local run_tmp status=0
  run_tmp=$(mktemp -d "$TRIXIE_ROOT.tmp.XXXXXX") && chmod 1777 "$run_tmp"
  unshare --mount --propagation private -- bash -euo pipefail -c '
    root=$1 checkout=$2 run_tmp=$3; shift 3
    mounted=()
    cleanup() { for ((i=${#mounted[@]}-1; i>=0; i--)); do umount -l "${mounted[i]}" 2>/dev/null || true; done; }
    trap cleanup EXIT
    for fs in proc dev sys; do mount --rbind "/$fs" "$root/$fs"; mounted+=("$root/$fs"); done
    mkdir -p "$root/tmp"
    mount --bind "$run_tmp" "$root/tmp"; mounted+=("$root/tmp")
    # the checkout after /tmp, so that a checkout under /tmp is not hidden by the run'"'"'s own /tmp
    mkdir -p "$root$checkout"
    mount --bind "$checkout" "$root$checkout"; mounted+=("$root$checkout")
    cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
    chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 PATH=/opt/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
      DEBIAN_FRONTEND=noninteractive PIP_DISABLE_PIP_VERSION_CHECK=1 "$@"
  ' in_root "$TRIXIE_ROOT" "$CHECKOUT" "$run_tmp" "$@" || status=$?
  rm -rf "$run_tmp"
  return "$status"
}

copy_ca_bundle() {  # apt and pip inside reach the registries only through the machine's CA bundle
  local bundle=/etc/ssl/certs/ca-certificates.crt
  [ -f "$bundle" ] || return 0
  mkdir -p "$TRIXIE_ROOT/etc/ssl/certs"
  cp "$bundle" "$TRIXIE_ROOT/etc/ssl/certs/ca-certificates.crt"
  # pip reads the same bundle, also after Debian's ca-certificates package rewrites it
  mkdir -p "$TRIXIE_ROOT/etc"
  printf '[global]\ncert = /etc/ssl/certs/machine-ca.crt\n' > "$TRIXIE_ROOT/etc/pip.conf"
  cp "$bundle" "$TRIXIE_ROOT/etc/ssl/certs/machine-ca.crt"
}

build() {
  local started=$SECONDS
  # self-healing: a stamp whose layer is not really there (a deleted or half-removed root) is void
  [ -x "$TRIXIE_ROOT/usr/bin/apt-get" ] || rm -f "$TRIXIE_ROOT/.stamp-base"
  [ -x "$TRIXIE_ROOT/usr/bin/qgis_process.bin" ] && [ -f "$TRIXIE_ROOT/usr/lib/python3/dist-packages/qgis/core/__init__.py" ] \
    || rm -f "$TRIXIE_ROOT/.stamp-apt"
  # 1. base system
  if [ ! -f "$TRIXIE_ROOT/.stamp-base" ]; then
    command -v debootstrap >/dev/null || {
      echo "== installing debootstrap"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
    }
    echo "== debootstrap trixie into $TRIXIE_ROOT ($(mirror))"
    rm -rf "$TRIXIE_ROOT" "$TRIXIE_ROOT".tmp.*
    mkdir -p "$(dirname "$TRIXIE_ROOT")"
    debootstrap --variant=minbase trixie "$TRIXIE_ROOT" "$(mirror)" > "$TRIXIE_ROOT.debootstrap.log" 2>&1 \
      || { tail -20 "$TRIXIE_ROOT.debootstrap.log"; exit 1; }
    rm -f "$TRIXIE_ROOT.debootstrap.log"
    printf 'deb %s trixie main\ndeb %s trixie-updates main\n' "$(mirror)" "$(mirror)" > "$TRIXIE_ROOT/etc/apt/sources.list"
    touch "$TRIXIE_ROOT/.stamp-base"
    echo "   base: $((SECONDS - started)) s"
  fi
  copy_ca_bundle
  # runs see a /tmp of their own (in_root); what lies in the root's own /tmp, and the per-run
  # folders of runs that were killed, is left over
  find "$TRIXIE_ROOT/tmp" -mindepth 1 -maxdepth 1 -exec rm -rf {} + 2>/dev/null || true
  find "$(dirname "$TRIXIE_ROOT")" -maxdepth 1 -name "$(basename "$TRIXIE_ROOT").tmp.*" -mmin +720 \
    -exec rm -rf {} + 2>/dev/null || true

  # 2. QGIS 3.40 and Debian's Python packages
  local apt_wanted
  apt_wanted=$(printf '%s\n' "${APT_PACKAGES[@]}" | sha1sum)
  if [ ! -f "$TRIXIE_ROOT/.stamp-apt" ] || [ "$(cat "$TRIXIE_ROOT/.stamp-apt")" != "$apt_wanted" ]; then
    echo "== installing QGIS 3.40 and Debian's Python packages in the trixie root"
    rm -f "$TRIXIE_ROOT/.stamp-pip"  # system packages changed: the venv is re-checked
    in_root sh -c "dpkg --configure -a >/dev/null 2>&1; apt-get update -qq && apt-get install -y -qq --no-install-recommends ${APT_PACKAGES[*]} >/dev/null && apt-get clean"
    copy_ca_bundle
    echo "$apt_wanted" > "$TRIXIE_ROOT/.stamp-apt"
    echo "   apt: $((SECONDS - started)) s"
  fi

  # 3. the venv for what Debian lacks (follows requirements*.txt as others add packages)
  local pip_wanted
  pip_wanted=$(cat constraints-trixie.txt requirements.txt requirements-dev.txt | sha1sum)
  if [ ! -f "$TRIXIE_ROOT/.stamp-pip" ] || [ "$(cat "$TRIXIE_ROOT/.stamp-pip")" != "$pip_wanted" ] \
     || [ ! -x "$TRIXIE_ROOT/opt/venv/bin/python" ]; then
    echo "== installing Python packages into the trixie root's venv (/opt/venv)"
    in_root sh -c "[ -x /opt/venv/bin/python ] || python3 -m venv --system-site-packages /opt/venv
      cd '$CHECKOUT' && /opt/venv/bin/pip install -q --no-cache-dir -c constraints-trixie.txt -r requirements-dev.txt"
    echo "$pip_wanted" > "$TRIXIE_ROOT/.stamp-pip"
    echo "   pip: $((SECONDS - started)) s"
  fi
}

# the lock sits beside the root, so two checkouts on one machine never build it at once
mkdir -p "$(dirname "$TRIXIE_ROOT")"
exec 9>"$TRIXIE_ROOT.lock"
flock 9
if [ "${1:-}" = "--run" ]; then
  shift
  build
  flock -u 9
  # many runs may share the root; only the build is exclusive
  in_root "$@"
else
  build
fi
