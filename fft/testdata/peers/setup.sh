# setup.sh, sourced by ratio.sh and lengths.sh: sets here (this folder) and
# root (the module root), installs what run.sh installs when it is missing,
# and makes a temporary folder, tmp, removed on exit.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
[[ -e /usr/include/fftw3.h ]] && command -v gcc >/dev/null || bash "$here/run.sh" >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
