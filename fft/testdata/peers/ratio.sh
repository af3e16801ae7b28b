#!/usr/bin/env bash
# Ratio of Spindle's real forward FFT time to FFTW's, for the README's speed
# table and issue figures: builds the FFTW timer (see run.sh, which installs
# what it needs) and the fft test binary (pure Go, and with
# GOEXPERIMENT=simd when this Go supports it), then runs them in
# interleaved rounds pinned to one core and prints, per length, the best
# time of each over the rounds and the ratios to FFTW. FFTW is timed twice:
# as built (its SIMD codelets) and with FFTW_NO_SIMD (scalar codelets only,
# the fair peer of the pure-Go build); the ratios are to the first, and the
# last column is pure Go over scalar FFTW.
# Usage: ratio.sh [rounds, default 10] [core, default 1]
set -euo pipefail
rounds=${1:-10}
core=${2:-1}
source "$(dirname "$0")/setup.sh"
gcc -O2 -o "$tmp/fftw" "$here/fftw_rfft.c" -lfftw3 -lm
(cd "$root" && go test -c -o "$tmp/pure.test" ./fft/)
modes=(pure)
if (cd "$root" && GOEXPERIMENT=simd go test -c -o "$tmp/simd.test" ./fft/ 2>/dev/null); then
	modes+=(simd)
fi
for ((r = 0; r < rounds; r++)); do
	taskset -c "$core" "$tmp/fftw" | awk '{print "fftw", $1, $2}' >>"$tmp/times"
	taskset -c "$core" "$tmp/fftw" nosimd | awk '{print "scalar", $1, $2}' >>"$tmp/times"
	for m in "${modes[@]}"; do
		(cd "$root/fft" && taskset -c "$core" "$tmp/$m.test" -test.run '^$' -test.bench 'RealFFT/n=.*/spindle' -test.benchtime=40ms) |
			awk -v m="$m" '/ns\/op/ {split($1, a, "[=/]"); print m, a[3], $3/1000}' >>"$tmp/times"
	done
done
echo "best of $rounds interleaved rounds on core $core (µs per real forward transform):"
awk -v modes="${modes[*]}" '
	{ k = $1 " " $2; if (!(k in best) || $3 < best[k]) best[k] = $3; ns[$2] = 1 }
	END {
		nm = split(modes, m, " ")
		printf "| n | FFTW | FFTW scalar |"; for (i = 1; i <= nm; i++) printf " %s | ratio |", m[i]; print " pure / scalar |"
		for (n in ns) {
			printf "| %s | %.2f | %.2f |", n, best["fftw " n], best["scalar " n]
			for (i = 1; i <= nm; i++) printf " %.2f | %.2f× |", best[m[i] " " n], best[m[i] " " n] / best["fftw " n]
			printf " %.2f× |\n", best["pure " n] / best["scalar " n]
		}
	}' "$tmp/times" | sort -t'|' -k2n
