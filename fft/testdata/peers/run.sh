#!/usr/bin/env bash
# Times the peers that are not Go, on this machine, for the README's speed
# table: FFTW 3 (C, SIMD, FFTW_MEASURE plans) and numpy/SciPy's pocketfft.
# Installs Debian's libfftw3-dev, gcc and python3-scipy when missing (root).
# Prints the best of 5 repeats per length, in microseconds per real forward
# transform. Compare with:
#   go test -run '^$' -bench RealFFT -benchtime=300ms -count=6 ./fft/
set -euo pipefail
cd "$(dirname "$0")"
need=()
[[ -e /usr/include/fftw3.h ]] || need+=(libfftw3-dev)
command -v gcc >/dev/null || need+=(gcc)
/usr/bin/python3 -c 'import scipy' 2>/dev/null || need+=(python3-scipy)
if ((${#need[@]})); then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
bin=$(mktemp)
trap 'rm -f "$bin"' EXIT
gcc -O2 -o "$bin" fftw_rfft.c -lfftw3 -lm
echo "FFTW 3 r2c (n, best time):"
"$bin"
echo "numpy.fft.rfft and scipy.fft.rfft (n, best time, Python call included):"
/usr/bin/python3 - <<'PY'
import timeit
import numpy as np
import scipy.fft as sf
for n in (1024, 4096, 16384, 65536, 12000, 20480):
    x = np.random.rand(n)
    reps = max(10, 20_000_000 // n)
    t1 = min(timeit.repeat(lambda: np.fft.rfft(x), number=reps, repeat=5)) / reps
    t2 = min(timeit.repeat(lambda: sf.rfft(x), number=reps, repeat=5)) / reps
    print(f"{n} numpy {t1*1e6:.1f} us  scipy {t2*1e6:.1f} us")
PY
