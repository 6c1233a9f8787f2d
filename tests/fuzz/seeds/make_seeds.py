#!/usr/bin/env python3
"""Writes the small seed corpora in this folder: well-formed inputs (an EU DCC COSE message, a
resident and a vehicle pass, health-code URLs) so the fuzzer starts past the outer layers.
Signatures are filler: nothing here is trusted. Run from anywhere; it rewrites the seeds."""

import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
B45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"


def head(major, n):
    if n < 24:
        return bytes([major << 5 | n])
    for extra, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if n < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | extra]) + struct.pack(fmt, n)
    raise ValueError(n)


def cbor(v):
    if v is None:
        return b"\xf6"
    if isinstance(v, bool):
        return b"\xf5" if v else b"\xf4"
    if isinstance(v, int):
        return head(0, v) if v >= 0 else head(1, -1 - v)
    if isinstance(v, float):
        return b"\xfb" + struct.pack(">d", v)
    if isinstance(v, bytes):
        return head(2, len(v)) + v
    if isinstance(v, str):
        raw = v.encode()
        return head(3, len(raw)) + raw
    if isinstance(v, list):
        return head(4, len(v)) + b"".join(cbor(i) for i in v)
    if isinstance(v, dict):
        return head(5, len(v)) + b"".join(cbor(k) + cbor(x) for k, x in v.items())
    if isinstance(v, tuple) and v[0] == "tag":
        return head(6, v[1]) + cbor(v[2])
    raise TypeError(v)


def b45(data):
    out = []
    for i in range(0, len(data), 2):
        pair = data[i : i + 2]
        value, digits = (pair[0] * 256 + pair[1], 3) if len(pair) == 2 else (pair[0], 2)
        for _ in range(digits):
            out.append(B45[value % 45])
            value //= 45
    return "".join(out)


NAME = {"fn": "Musterfrau", "gn": "Erika", "fnt": "MUSTERFRAU", "gnt": "ERIKA"}
HOLDER = {"ver": "1.3.0", "nam": NAME, "dob": "1964-08-12"}
ENTRIES = {
    "v": {"tg": "840539006", "dn": 2, "sd": 2, "dt": "2026-05-01", "ci": "URN:UVCI:01:XX:TEST#1"},
    "t": {"tg": "840539006", "tt": "LP6464-4", "sc": "2026-11-18T08:00:00Z", "tr": "260415000"},
    "r": {"tg": "840539006", "fr": "2026-04-01", "df": "2026-04-15", "du": "2026-10-01"},
}
KID = bytes(range(8))


def cose(kind, tagged=True, float_times=False):
    hcert = dict(HOLDER, **{kind: [ENTRIES[kind]]})
    exp, iat = 1_798_000_000, 1_790_000_000
    claims = {1: "DE", 4: float(exp) if float_times else exp, 6: iat, -260: {1: hcert}}
    message = [cbor({1: -7, 4: KID}), {}, cbor(claims), bytes(64)]
    return cbor(("tag", 18, message) if tagged else message)


def pass_bytes(kind, plate=None):
    body = ["P-2026-0001", "张三丰", "3-2-501", kind, plate, 1_790_000_000, 1_800_000_000, KID]
    return cbor(body) + bytes(range(64))


def write(target, name, data):
    folder = os.path.join(HERE, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data.encode() if isinstance(data, str) else data)


def main():
    dccs = {f"{k}-tagged": cose(k) for k in "vtr"}
    dccs["v-untagged-float-times"] = cose("v", tagged=False, float_times=True)
    passes = {"resident": pass_bytes(0), "vehicle": pass_bytes(2, "京A12345")}
    for name, data in dccs.items():
        write("cbor_decode", name, data)
        # dcc_payload takes (bool compress, bytes): a first byte of 0 means "not compressed"
        write("dcc_payload", name, b"\x00" + data)
        write("verify_text", "hc1-" + name, "HC1:" + b45(zlib.compress(data)))
    for name, data in passes.items():
        write("pass_payload", name, data)
        write("verify_text", "ckp1-" + name, "CKP1:" + b45(data))
        write("base45_decode", "pass-" + name, b45(data))
    write("base45_decode", "dcc-v", b45(zlib.compress(dccs["v-tagged"])))
    write("verify_text", "health-code", "https://jkm.gd.gov.cn/qr?c=ABC123&t=1")
    write("verify_text", "health-code-demo", "https://jkm.demo.checkpoint-kiosk.invalid/p/42")


if __name__ == "__main__":
    main()
