#!/usr/bin/env bash
# A Debian root file system with a newer QGIS LTR, kept outside the clone, for running the QGIS
# tests beside the machine's own QGIS 3.22 (scripts/test_leg.sh uses it). One root per QGIS version:
#   3.40 LTR: Debian 13 "trixie"      3.44 LTR: Debian "forky" (testing)
#
#   bash scripts/debian_root.sh 3.44              # build or refresh (idempotent; seconds when up to date)
#   bash scripts/debian_root.sh 3.44 --path       # print where the root lives
#   bash scripts/debian_root.sh 3.44 --run CMD... # build if needed, then run CMD inside
#
# Layers, each with its own stamp so a change redoes only what it must:
#   1. debootstrap --variant=minbase SUITE (the mirror of the machine's own apt sources)   .stamp-base
#   2. QGIS and Debian's Python packages (APT_PACKAGES below)                              .stamp-apt
#   3. a --system-site-packages venv at /opt/venv for what Debian lacks: requirements-<version>.txt
#      without dependencies where it exists (3.44: Debian first), else this checkout's
#      requirements*.txt with constraints-<version>.txt (3.40)                               .stamp-pip
# A layer whose stamp is missing (an interrupted build) is redone; a broken base is rebuilt from
# scratch. Concurrent callers wait on a lock. Mounts happen in a private mount namespace
# (unshare), so nothing stays mounted when a run ends, however it ends.
set -euo pipefail
cd "$(dirname "$0")/.."
CHECKOUT=$(pwd)
QGIS_VERSION=${1:?usage: scripts/debian_root.sh 3.40|3.44 [--path | --run CMD...]}
shift
case "$QGIS_VERSION" in
  3.40) SUITE=trixie; UPDATES="trixie-updates" ;;
  3.44) SUITE=forky; UPDATES="" ;;
  *) echo "scripts/debian_root.sh: no Debian root for QGIS $QGIS_VERSION (3.40 or 3.44)" >&2; exit 2 ;;
esac
CACHE=${URBANIZATION_ROOTS:-/var/cache/urbanization-planning}
ROOT_DIR=$CACHE/$SUITE
if [ "${1:-}" = "--path" ]; then echo "$ROOT_DIR"; exit 0; fi

# Debian's packages for the planner install (pip only for what Debian lacks: requirements.txt).
# python3-setuptools: Debian's python3-pkg-resources leaves a bare setuptools/ folder that makes
# pip's legacy setup.py builds (sdists such as prcoords) fail without the real package.
APT_PACKAGES=(qgis python3-qgis qgis-providers python3-pyqt5 gdal-bin python3-rasterio python3-scipy
  python3-shapely python3-geopandas python3-networkx python3-pandas python3-venv python3-pip
  python3-setuptools
  proj-data xvfb xauth fonts-noto-cjk poppler-utils qttools5-dev-tools pyqt5-dev-tools
  ca-certificates git)
if [ "$SUITE" = forky ]; then
  # the planner install: Debian's packages for all Debian has (requirements-3.44.txt names the rest)
  APT_PACKAGES+=(python3-numba python3-pyarrow python3-dask python3-distributed python3-pytest
    python3-pytestqt python3-hypothesis)
fi

if [ "$(id -u)" -ne 0 ]; then echo "scripts/debian_root.sh needs root (debootstrap, chroot)" >&2; exit 1; fi

mirror() {  # the Debian mirror the machine's own apt sources name; no fallback of our own
  local uri
  uri=$(grep -hE '^(URIs:|deb )' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
    | grep -vE 'security|nodesource|cloud-sdk' | grep -E '/debian/?([[:space:]]|$)' | head -1 \
    | sed -E 's/^URIs:[[:space:]]*//; s/^deb (\[[^]]*\] )?//; s/[[:space:]].*//')
  if [ -z "$uri" ]; then
    echo "scripts/debian_root.sh: the machine's apt sources (/etc/apt/sources.list*) name no Debian mirror;" \
      "add one there (the root is built from the same mirror)" >&2
    exit 1
  fi
  echo "$uri"
}

# apt inside the root checks Release files as the machine's own apt does: a mirror that serves a
# dated snapshot has Release files past their Valid-Until date, which the machine's apt accepts
apt_settings() {
  local valid date
  valid=$(apt-config dump 2>/dev/null | sed -nE 's/^Acquire::Check-Valid-Until "(.*)";/\1/p' | tail -1)
  date=$(apt-config dump 2>/dev/null | sed -nE 's/^Acquire::Check-Date "(.*)";/\1/p' | tail -1)
  mkdir -p "$ROOT_DIR/etc/apt/apt.conf.d"
  {
    [ -n "$valid" ] && echo "Acquire::Check-Valid-Until \"$valid\";"
    [ -n "$date" ] && echo "Acquire::Check-Date \"$date\";"
    true
  } > "$ROOT_DIR/etc/apt/apt.conf.d/99as-the-machine"
}

# Run a command inside the root with /proc, /dev, /sys and the checkout (at the same path) mounted,
# in a private mount namespace: the mounts vanish with the namespace, and the trap unmounts them
# explicitly as well.
in_root() {
  # A /tmp of its own per run (runs from several checkouts may share the root at once). It is made
  # and removed out here, where nothing is mounted on it, so removing it can never reach into the
  # checkout, which inside the namespace may be mounted below it (a CI clone in /tmp).
  local run_tmp status=0
  run_tmp=$(mktemp -d "$ROOT_DIR.tmp.XXXXXX") && chmod 1777 "$run_tmp"
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
    # pytest-qgis 5 keeps its QGIS profile in <checkout>/.qgis-settings: give each run one of its own
    # (in its /tmp), or the 3.40 and 3.44 legs, run side by side on one checkout, share one settings
    # file and change each other'"'"'s locale mid-test
    mkdir -p "$checkout/.qgis-settings" "$run_tmp/qgis-settings"
    mount --bind "$run_tmp/qgis-settings" "$root$checkout/.qgis-settings"; mounted+=("$root$checkout/.qgis-settings")
    cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
    chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 PATH=/opt/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
      DEBIAN_FRONTEND=noninteractive PIP_DISABLE_PIP_VERSION_CHECK=1 "$@"
  ' in_root "$ROOT_DIR" "$CHECKOUT" "$run_tmp" "$@" || status=$?
  rm -rf "$run_tmp"
  return "$status"
}

copy_ca_bundle() {  # apt and pip inside reach the registries only through the machine's CA bundle
  local bundle=/etc/ssl/certs/ca-certificates.crt
  [ -f "$bundle" ] || return 0
  mkdir -p "$ROOT_DIR/etc/ssl/certs"
  cp "$bundle" "$ROOT_DIR/etc/ssl/certs/ca-certificates.crt"
  # pip reads the same bundle, also after Debian's ca-certificates package rewrites it
  printf '[global]\ncert = /etc/ssl/certs/machine-ca.crt\n' > "$ROOT_DIR/etc/pip.conf"
  cp "$bundle" "$ROOT_DIR/etc/ssl/certs/machine-ca.crt"
}

debootstrap_script() {  # bookworm's debootstrap may predate the suite: forky bootstraps as sid does
  if [ -e "/usr/share/debootstrap/scripts/$SUITE" ]; then echo "$SUITE"; else echo sid; fi
}

build() {
  local started=$SECONDS
  # self-healing: a stamp whose layer is not really there (a deleted or half-removed root) is void
  [ -x "$ROOT_DIR/usr/bin/apt-get" ] || rm -f "$ROOT_DIR/.stamp-base"
  [ -x "$ROOT_DIR/usr/bin/qgis_process.bin" ] && [ -f "$ROOT_DIR/usr/lib/python3/dist-packages/qgis/core/__init__.py" ] \
    || rm -f "$ROOT_DIR/.stamp-apt"
  # 1. base system
  if [ ! -f "$ROOT_DIR/.stamp-base" ]; then
    command -v debootstrap >/dev/null || {
      echo "== installing debootstrap"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
    }
    local source
    source=$(mirror)
    echo "== debootstrap $SUITE into $ROOT_DIR ($source)"
    rm -rf "$ROOT_DIR" "$ROOT_DIR".tmp.*
    mkdir -p "$CACHE"
    debootstrap --variant=minbase "$SUITE" "$ROOT_DIR" "$source" "/usr/share/debootstrap/scripts/$(debootstrap_script)" \
      > "$ROOT_DIR.debootstrap.log" 2>&1 || { tail -20 "$ROOT_DIR.debootstrap.log"; exit 1; }
    rm -f "$ROOT_DIR.debootstrap.log"
    {
      echo "deb $source $SUITE main"
      [ -n "$UPDATES" ] && echo "deb $source $UPDATES main"
      true
    } > "$ROOT_DIR/etc/apt/sources.list"
    touch "$ROOT_DIR/.stamp-base"
    echo "   base: $((SECONDS - started)) s"
  fi
  copy_ca_bundle
  apt_settings
  # runs see a /tmp of their own (in_root); what lies in the root's own /tmp, and the per-run
  # folders of runs that were killed, is left over
  find "$ROOT_DIR/tmp" -mindepth 1 -maxdepth 1 -exec rm -rf {} + 2>/dev/null || true
  find "$CACHE" -maxdepth 1 -name "$SUITE.tmp.*" -mmin +720 -exec rm -rf {} + 2>/dev/null || true

  # 2. QGIS and Debian's Python packages
  local apt_wanted
  apt_wanted=$(printf '%s\n' "${APT_PACKAGES[@]}" | sha1sum)
  if [ ! -f "$ROOT_DIR/.stamp-apt" ] || [ "$(cat "$ROOT_DIR/.stamp-apt")" != "$apt_wanted" ]; then
    echo "== installing QGIS $QGIS_VERSION and Debian's Python packages in the $SUITE root"
    rm -f "$ROOT_DIR/.stamp-pip"  # system packages changed: the venv is re-checked
    in_root sh -c "dpkg --configure -a >/dev/null 2>&1; apt-get update -qq && apt-get install -y -qq --no-install-recommends ${APT_PACKAGES[*]} >/dev/null && apt-get clean"
    copy_ca_bundle
    echo "$apt_wanted" > "$ROOT_DIR/.stamp-apt"
    echo "   apt: $((SECONDS - started)) s"
  fi

  # 3. the venv for what Debian lacks (follows requirements*.txt as others add packages)
  local only="requirements-$QGIS_VERSION.txt" constraints="constraints-$QGIS_VERSION.txt" install pip_wanted
  if [ -f "$only" ]; then
    install="/opt/venv/bin/pip install -q --no-cache-dir --no-deps -r $only"
    pip_wanted=$(cat "$only" | sha1sum)
  else
    install="/opt/venv/bin/pip install -q --no-cache-dir -c $constraints -r requirements-dev.txt"
    pip_wanted=$(cat "$constraints" requirements.txt requirements-dev.txt | sha1sum)
  fi
  if [ ! -f "$ROOT_DIR/.stamp-pip" ] || [ "$(cat "$ROOT_DIR/.stamp-pip")" != "$pip_wanted" ] \
     || [ ! -x "$ROOT_DIR/opt/venv/bin/python" ]; then
    echo "== installing Python packages into the $SUITE root's venv (/opt/venv)"
    in_root sh -c "[ -x /opt/venv/bin/python ] || python3 -m venv --system-site-packages /opt/venv
      cd '$CHECKOUT' && $install
      /opt/venv/bin/python -c 'import shapely, geopandas, networkx, pyflwdir, dask, distributed, pytest_qgis'"
    echo "$pip_wanted" > "$ROOT_DIR/.stamp-pip"
    echo "   pip: $((SECONDS - started)) s"
  fi
}

# the lock sits beside the root, so two checkouts on one machine never build it at once
mkdir -p "$CACHE"
exec 9>"$ROOT_DIR.lock"
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
