# Sourced by tools/setup and tools/test: installs what is missing, then configures and builds.
# Debian 12 packages only (no network fetches at build time): see README "Dependencies".
set -euo pipefail

VPNSIM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VPNSIM_BUILD="${VPNSIM_BUILD:-$VPNSIM_ROOT/build}"
VPNSIM_PACKAGES=(g++ cmake make libboost-graph-dev libfmt-dev libtomlplusplus-dev catch2 librapidcheck-dev libmimalloc-dev libcli11-dev nlohmann-json3-dev libxml2-utils chromium fonts-dejavu-core)

vpnsim_install_deps() {
    local missing=()
    for p in "${VPNSIM_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "vpnsim: installing ${missing[*]}" >&2
    local sudo=()
    [ "$(id -u)" -ne 0 ] && sudo=(sudo)
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

vpnsim_build() {
    local gen=()
    command -v ninja >/dev/null 2>&1 && gen=(-G Ninja)
    if [ ! -f "$VPNSIM_BUILD/CMakeCache.txt" ]; then
        cmake -S "$VPNSIM_ROOT" -B "$VPNSIM_BUILD" "${gen[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo
    fi
    cmake --build "$VPNSIM_BUILD" --parallel "$(nproc)"
}
