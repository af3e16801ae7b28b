// Package nab scores anomaly detectors the way the Numenta Anomaly
// Benchmark does. It grades detectors rather than detecting, so it sits
// beside package anomaly, not in it.
//
// Citation: A. Lavin and S. Ahmad, "Evaluating Real-time Anomaly Detection
// Algorithms - the Numenta Anomaly Benchmark", IEEE ICMLA 2015. Score
// reproduces the reference scorer of the NAB repository (nab/scorer.py,
// whose per-row S(t) columns appear in NAB's published result files, and
// nab/runner.py for the normalisation) to 1e-12:
//
//   - rows before the probationary length min(⌊0.15·n⌋, 0.15·5000) are ignored;
//   - a row is a detection when its anomaly score ≥ the threshold;
//   - in each labelled window only the first detection counts, scoring
//     A_TP·σ(y)/σ(−1) with y = −(last − i + 1)/length its position relative
//     to the window's right end and σ(y) = 2/(1+e^{5y}) − 1 (−1 beyond y > 3);
//     a window without detection scores −A_FN;
//   - every detection outside the windows scores A_FP·σ(y) with
//     y = |last − i|/(length − 1) measured from the closest preceding
//     window's last row, or −A_FP when no window precedes it;
//   - true negatives score zero.
//
// A file's raw score is the sum; a corpus is normalised to
// 100·(S − S_null)/(S_perfect − S_null) (Normalize, NullScore,
// PerfectScore).
//
// NAB's threshold rule, one threshold for a whole corpus per profile, is
// applied by SweepFile (a file's raw score at many thresholds), Best (the
// setting and threshold with the highest summed score) and
// LeaveOneCategoryOut (Best chosen without each category, then scored on
// it); Tally sums raw scores and normalises them, undefined without
// windows.
//
// The benchmark's labels and configuration are read here too: ReadWindows
// (labels/combined_windows.json, windows in time), WindowRows (windows in
// time onto a file's rows, RowWindow), ReadProfiles (config/profiles.json)
// and ReadThresholds (config/thresholds.json). The data files themselves
// are read by datasets.ReadNAB and datasets.LoadNAB.
package nab
