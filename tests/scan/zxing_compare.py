#!/usr/bin/env python3
"""Times zxing-cpp (its Python wheel) on the 640×480 scenes the scan bench (or the speed test)
wrote with SCENES_OUT, for issue 23's side-by-side figure:

    python3 -m venv /tmp/zx && /tmp/zx/bin/pip install zxing-cpp pillow numpy
    FRAMES_ONLY=1 SCENES_OUT=/tmp/scenes cargo bench --bench scan     # ours, release build
    /tmp/zx/bin/python tests/scan/zxing_compare.py /tmp/scenes        # zxing-cpp, same files
    (or: SCENES_OUT=/tmp/scenes cargo test --test scan speed -- --ignored --nocapture)

Run the two right after each other on a quiet machine: the figures are only comparable under the
same load.

Decoding only is timed (the picture is loaded and converted before the clock starts), three
rounds, like the Rust side; prints median and p90 for scenes with and without a code.
"""
import pathlib
import statistics
import sys
import time

import numpy
import zxingcpp
from PIL import Image


def percentile(values, fraction):
    values = sorted(values)
    return values[min(len(values) - 1, round((len(values) - 1) * fraction))]


def main(folder):
    folder = pathlib.Path(folder)
    scenes = []
    for png in sorted(folder.glob("*.png")):
        text = png.with_suffix(".txt")
        pixels = numpy.asarray(Image.open(png).convert("RGB"))
        scenes.append((pixels, text.read_text() if text.exists() else None))
    timings = {True: [], False: []}
    read = codes = 0
    for _ in range(3):
        for image, payload in scenes:
            started = time.perf_counter()
            found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
            millis = (time.perf_counter() - started) * 1000
            timings[payload is not None].append(millis)
            if payload is not None:
                codes += 1
                read += any(code.text == payload for code in found)
    for has_code, label in ((True, "with a code"), (False, "without")):
        values = timings[has_code]
        print(f"zxing-cpp, {label:<24} median {statistics.median(values):6.2f} ms   "
              f"p90 {percentile(values, 0.9):6.2f} ms   ({len(values)} frames)")
    print(f"read: {read}/{codes}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/scenes")
