#!/usr/bin/env bash
# FFTW's own ratio on the lengths of BenchmarkRandomLengths: for each of
# its 30 random n ≤ 2^20 and the 2,3,5-smooth length nearest to it, the
# time of FFTW 3's complex forward transform (FFTW_MEASURE plans, SIMD as
# built) of n over that of the smooth length, beside Spindle's (the pure-Go
# benchmark, best of its rounds). Both pinned to one core, FFTW first.
# Builds what run.sh installs. FFTW's measuring planner takes about a
# minute per large pair: the whole run takes 30-40 minutes.
# Usage: lengths.sh [Go rounds, default 3] [core, default 1]
set -euo pipefail
rounds=${1:-3}
core=${2:-1}
source "$(dirname "$0")/setup.sh"
gcc -O2 -o "$tmp/fftw" "$here/fftw_lengths.c" -lfftw3 -lm
(cd "$root" && go test -c -o "$tmp/fft.test" ./fft/)
# Go: n smooth ns/op(pair) ratio, per round.
for ((r = 0; r < rounds; r++)); do
	echo "Go round $((r + 1)) of $rounds" >&2
	(cd "$root/fft" && taskset -c "$core" "$tmp/fft.test" -test.run '^$' -test.bench RandomLengths -test.benchtime=1s) |
		awk '/ratio/ {split($1, a, "[=/]"); for (i = 1; i <= NF; i++) if ($(i+1) == "ratio") q = $i; print a[3], a[5], $3, q}' >>"$tmp/go"
done
awk '{print $1, $2}' "$tmp/go" | sort -u -k1n >"$tmp/pairs"
echo "FFTW: $(wc -l <"$tmp/pairs") pairs" >&2
taskset -c "$core" "$tmp/fftw" measure <"$tmp/pairs" >"$tmp/fftw.out"
echo "| n | smooth | FFTW n µs | FFTW smooth µs | FFTW ratio | Spindle n µs | Spindle smooth µs | Spindle ratio | Spindle / FFTW at n |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
awk 'NR == FNR { k = $1; tm = $3 / (1 + $4); tn = $3 - tm; if (!(k in bn) || $3 < pair[k]) { pair[k] = $3; bn[k] = tn; bm[k] = tm }; next }
	{ printf "| %d | %d | %.1f | %.1f | %.2f× | %.1f | %.1f | %.2f× | %.2f× |\n", $1, $2, $3, $4, $5, bn[$1] / 1000, bm[$1] / 1000, bn[$1] / bm[$1], bn[$1] / 1000 / $3
	  fr = fr + log($5); gr = gr + log(bn[$1] / bm[$1]); c++; if ($5 > 4) f4++; if (bn[$1] / bm[$1] > 4) g4++ }
	END { printf "\nFFTW: %d of %d above 4×, geometric mean %.2f×; Spindle: %d above 4×, geometric mean %.2f×\n", f4, c, exp(fr / c), g4, exp(gr / c) }' "$tmp/go" "$tmp/fftw.out"
