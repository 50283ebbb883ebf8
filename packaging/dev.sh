#!/usr/bin/env bash
# Set-up, build, run and test Vigil on a Debian 12 machine.
#   packaging/dev.sh run    install what is missing, build, open the console (simulator)
#   packaging/dev.sh test   install what is missing, build, run the whole test suite
#   packaging/dev.sh build  install what is missing and build
# Extra arguments after 'run' go to vigil (e.g. --speed 120 --seed 7).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${VIGIL_BUILD_DIR:-$here/build}
command=${1:-}
shift || true

case "$command" in
  run|test|build) ;;
  *) echo "usage: packaging/dev.sh run|test|build [vigil arguments]" >&2; exit 2 ;;
esac

bash "$here/packaging/install-deps.sh"

# Warnings are errors here as everywhere (CMakeLists.txt); VIGIL_WARNINGS_AS_ERRORS=OFF in
# the environment lets a newer compiler's new warnings through.
cmake -S "$here" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DVIGIL_WARNINGS_AS_ERRORS="${VIGIL_WARNINGS_AS_ERRORS:-ON}"
cmake --build "$build_dir" --parallel "$(nproc)"

case "$command" in
  build)
    ;;
  run)
    if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
      exec "$build_dir/app/vigil" "$@"
    fi
    # No display (a server or CI): run the console under a virtual X server and keep a
    # picture of it, so the session can still be seen.
    # Nobody can answer the first start's question (a new book or a restore) on a virtual
    # screen: a new book, unless a restore was asked for.
    first_start=(--new-book)
    for arg in "$@"; do
      case "$arg" in --restore|--restore=*|--new-book) first_start=() ;; esac
    done
    shot="$build_dir/vigil-console.png"
    echo "no display found: running the console under xvfb-run for 20 s; screenshot in $shot"
    xvfb-run -a -s "-screen 0 1600x1000x24" "$build_dir/app/vigil" --screenshot "$shot" \
      --screenshot-after-ms 20000 "${first_start[@]}" "$@"
    ;;
  test)
    cd "$build_dir"
    ctest --output-on-failure --timeout 600 -j "$(nproc)"
    ;;
esac
