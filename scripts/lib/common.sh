# Sourced by the scripts in scripts/ (`source "$(dirname "$0")/lib/common.sh"`): moves to the
# repository root and holds the steps they share. The scripts set their own shell options.
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

# debug_bin NAME: sets $bin to the debug build's wegwijzer ($WEGWIJZER_BIN when set); stops with a
# hint, as NAME, when it is not built.
debug_bin() {
    bin="${WEGWIJZER_BIN:-$(swift build --show-bin-path)/wegwijzer}"
    [ -x "$bin" ] || { echo "$1: build first (swift build)" >&2; exit 1; }
}

# release_build PRODUCT...: builds each product in release (the build's output on stderr) and sets
# $release_dir to the folder of the release binaries.
release_build() {
    local product
    for product in "$@"; do
        swift build -c release --product "$product" >&2
    done
    release_dir="$(swift build -c release --show-bin-path)"
}

# have_browser: whether headless Chromium and its driver are installed (scripts/browser-test).
have_browser() {
    command -v chromium >/dev/null && command -v chromedriver >/dev/null
}
