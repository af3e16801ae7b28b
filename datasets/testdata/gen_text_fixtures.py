#!/usr/bin/python3
"""Generate the small text and WAV fixtures of the datasets package.

Run from the repository root with the system interpreter (numpy installed):

    /usr/bin/python3 datasets/testdata/gen_text_fixtures.py

It rewrites, deterministically (fixed seeds), these folders under
datasets/testdata/:

  ims/run/      three IMS snapshots, 4 channels x 200 rows, tab-separated
                "%.3f" values; names not zero-padded so that name order and
                time order differ (2004.02.12.9.52.39 precedes 2004.02.12.10.02.39).
  femto/Bearing9_1/  three acc files (64 rows: hour,minute,second,microsecond,
                horizontal g,vertical g), one with the microsecond column in
                exponent form as in the real data, and two temp files (one with
                ';' and zero-padded hours, one with ',').
  xjtu/35Hz12kN/Bearing1_1/  files 1.csv, 2.csv and 10.csv (numeric order differs
                from name order) with the XJTU-SY header and 256 rows.
  csv/          generic CSV fixtures (comma with header and time column,
                semicolon without header, tab, quoted header names).
  wav/          WAV files in PCM 8/16/24/32-bit, IEEE float 32/64 and
                WAVE_FORMAT_EXTENSIBLE, with wav/expected.json holding every
                sample as the Go reader must return it (integers scaled by
                2^(bits-1), 8-bit offset by 128).
"""
import json
import os
import struct

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def out(*parts):
    p = os.path.join(HERE, *parts)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    return p


def gen_ims(rng):
    # 10-minute steps; the 9:52 file has an unpadded hour.
    names = ["2004.02.12.9.52.39", "2004.02.12.10.02.39", "2004.02.12.10.12.39"]
    for k, name in enumerate(names):
        x = rng.normal(0, 0.1, size=(200, 4)) + 0.01 * k
        with open(out("ims", "run", name), "w", newline="\n") as f:
            for row in x:
                f.write("\t".join("%.3f" % v for v in row) + "\n")


def gen_femto(rng):
    d = ("femto", "Bearing9_1")
    for k in (1, 2, 3):
        h, m, s = 9, 39, 39 + 10 * (k - 1)
        m += s // 60
        s %= 60
        with open(out(*d, "acc_%05d.csv" % k), "w", newline="\n") as f:
            for i in range(64):
                us = 65664 + i * 39.0625
                hv, vv = rng.normal(0, 0.4, size=2)
                if k == 2:
                    # exponent form, as the real files write some microseconds
                    ustxt = "%.4e" % round(us)
                else:
                    ustxt = "%d" % round(us)
                f.write("%d,%d,%d,%s,%.3f,%.3f\n" % (h, m, s, ustxt, hv, vv))
    with open(out(*d, "temp_00001.csv"), "w", newline="\n") as f:
        for i in range(50):
            f.write("%02d;%02d;%02d;%d;%.3f\n" % (8, 48, 5 + i // 10, i % 10, 57.0 + 0.01 * i))
    with open(out(*d, "temp_00002.csv"), "w", newline="\n") as f:
        for i in range(50):
            f.write("%d,%d,%d,%d,%.3f\n" % (8, 49, 5 + i // 10, i % 10, 57.5 + 0.01 * i))


def gen_xjtu(rng):
    d = ("xjtu", "35Hz12kN", "Bearing1_1")
    for k in (1, 2, 10):
        x = rng.normal(0, 0.5, size=(256, 2)) + 0.1 * k
        with open(out(*d, "%d.csv" % k), "w", newline="\n") as f:
            f.write("Horizontal_vibration_signals,Vertical_vibration_signals\n")
            for row in x:
                f.write("%.5f,%.5f\n" % tuple(row))


def gen_csv(rng):
    n = 100
    t = np.arange(n) / 1000.0
    acc = np.round(np.sin(2 * np.pi * 50 * t), 6)
    temp = np.round(40 + 0.01 * np.arange(n), 3)
    with open(out("csv", "comma_header.csv"), "w", newline="\n") as f:
        f.write("time_s,accel_g,temp_c\n")
        for i in range(n):
            f.write("%.3f,%.6f,%.3f\n" % (t[i], acc[i], temp[i]))
    with open(out("csv", "semicolon.csv"), "w", newline="\n") as f:
        for i in range(n):
            f.write("%.6f;%.3f\n" % (acc[i], temp[i]))
    with open(out("csv", "tab.tsv"), "w", newline="\r\n") as f:
        f.write("stamp\tvalue\n")
        for i in range(n):
            f.write("2024-01-01T00:00:%02d\t%.3f\n" % (i % 60, temp[i]))
    with open(out("csv", "quoted.csv"), "w", newline="\n") as f:
        f.write('"sensor, left","sensor, right"\n')
        for i in range(n):
            f.write("%.6f,%.6f\n" % (acc[i], -acc[i]))


def riff(fmt_chunk, data, extra_chunks=b""):
    body = b"WAVE" + extra_chunks + b"fmt " + struct.pack("<I", len(fmt_chunk)) + fmt_chunk
    body += b"data" + struct.pack("<I", len(data)) + data
    if len(data) % 2:
        body += b"\x00"
    return b"RIFF" + struct.pack("<I", len(body)) + body


def fmt_pcm(tag, ch, rate, bits):
    align = ch * bits // 8
    return struct.pack("<HHIIHH", tag, ch, rate, rate * align, align, bits)


def fmt_extensible(ch, rate, bits, valid, subtag):
    base = fmt_pcm(0xFFFE, ch, rate, bits)
    guid_tail = b"\x00\x00\x00\x00\x10\x00\x80\x00\x00\xaa\x00\x38\x9b\x71"
    return base + struct.pack("<HHI", 22, valid, 0) + struct.pack("<H", subtag) + guid_tail


def gen_wav():
    rate = 8000
    n = 101  # odd, so 8-bit mono data needs a pad byte
    i = np.arange(n)
    base = [np.sin(2 * np.pi * 440 * i / rate), 0.5 * np.cos(2 * np.pi * 1000 * i / rate)]
    expected = {}

    def emit(name, fmt_chunk, data, chans, extra=b""):
        with open(out("wav", name), "wb") as f:
            f.write(riff(fmt_chunk, data, extra))
        expected[name] = {"rate": rate, "channels": [list(map(float, c)) for c in chans]}

    # 8-bit unsigned mono
    q = np.clip(np.round(base[0] * 127) + 128, 0, 255).astype(np.uint8)
    emit("pcm8_mono.wav", fmt_pcm(1, 1, rate, 8), q.tobytes(), [(q.astype(float) - 128) / 128],
         extra=b"LIST" + struct.pack("<I", 5) + b"INFOx\x00")
    # 16-bit stereo
    q = [np.round(b * 32767).astype("<i2") for b in base]
    inter = np.stack(q, axis=1).reshape(-1)
    emit("pcm16_stereo.wav", fmt_pcm(1, 2, rate, 16), inter.tobytes(), [c.astype(float) / 32768 for c in q])
    # 24-bit mono
    q24 = np.round(base[0] * 8388607).astype(np.int64)
    b24 = b"".join(struct.pack("<i", int(v))[:3] for v in q24)
    emit("pcm24_mono.wav", fmt_pcm(1, 1, rate, 24), b24, [q24.astype(float) / 8388608])
    # 32-bit integer stereo
    q32 = [np.round(b * 2147483647).astype("<i4") for b in base]
    inter = np.stack(q32, axis=1).reshape(-1)
    emit("pcm32_stereo.wav", fmt_pcm(1, 2, rate, 32), inter.tobytes(), [c.astype(float) / 2147483648 for c in q32])
    # float32 stereo (values kept as float32)
    f32 = [b.astype("<f4") for b in base]
    inter = np.stack(f32, axis=1).reshape(-1)
    emit("float32_stereo.wav", fmt_pcm(3, 2, rate, 32), inter.tobytes(), [c.astype(float) for c in f32])
    # float64 mono
    emit("float64_mono.wav", fmt_pcm(3, 1, rate, 64), base[1].astype("<f8").tobytes(), [base[1]])
    # extensible, 24-bit container with 24 valid bits, PCM subformat, stereo
    q = [np.round(b * 8388607).astype(np.int64) for b in base]
    b24 = b"".join(struct.pack("<i", int(q[0][k]))[:3] + struct.pack("<i", int(q[1][k]))[:3] for k in range(n))
    emit("extensible24_stereo.wav", fmt_extensible(2, rate, 24, 24, 1), b24, [c.astype(float) / 8388608 for c in q])
    with open(out("wav", "expected.json"), "w") as f:
        json.dump(expected, f, indent=None, separators=(",", ":"))
        f.write("\n")


def main():
    rng = np.random.default_rng(20240601)
    gen_ims(rng)
    gen_femto(rng)
    gen_xjtu(rng)
    gen_csv(rng)
    gen_wav()


if __name__ == "__main__":
    main()
