#!/usr/bin/env python3
"""Builds a fuzz seed corpus from files in the repository: whole files given with --file, and every C++ string
literal (adjacent literals joined, raw strings included) of at least 16 bytes found in the --cpp sources, which
is where the tests keep their sample exports and scenarios. Run at test time, so the corpus follows the tests."""
import argparse
import hashlib
import os
import re

LITERAL = re.compile(rb'R"([^()\s]{0,16})\((.*?)\)\1"|"((?:[^"\\\n]|\\.)*)"', re.S)
BETWEEN = re.compile(rb'\s*$')
ESCAPES = {b'n': b'\n', b't': b'\t', b'r': b'\r', b'0': b'\0', b'\\': b'\\', b'"': b'"', b"'": b"'"}


def unescape(body):
    out, i = bytearray(), 0
    while i < len(body):
        c = body[i:i + 1]
        if c != b'\\' or i + 1 >= len(body):
            out += c
            i += 1
            continue
        n = body[i + 1:i + 2]
        if n == b'x':
            m = re.match(rb'[0-9a-fA-F]{1,2}', body[i + 2:])
            out += bytes([int(m.group(0), 16)]) if m else b'x'
            i += 2 + (len(m.group(0)) if m else 0)
        else:
            out += ESCAPES.get(n, n)
            i += 2
    return bytes(out)


def literals(source):
    pieces, last_end = [], None
    for m in LITERAL.finditer(source):
        text = m.group(2) if m.group(2) is not None else unescape(m.group(3))
        if last_end is not None and pieces and BETWEEN.match(source[last_end:m.start()]):
            pieces[-1] += text  # adjacent literals are one string in C++
        else:
            pieces.append(text)
        last_end = m.end()
    return pieces


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('out')
    ap.add_argument('--file', action='append', default=[])
    ap.add_argument('--cpp', action='append', default=[])
    ap.add_argument('--min-bytes', type=int, default=16)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    seeds = []
    for path in args.file:
        with open(path, 'rb') as f:
            seeds.append(f.read())
    for path in args.cpp:
        with open(path, 'rb') as f:
            seeds += [t for t in literals(f.read()) if len(t) >= args.min_bytes]
    written = 0
    for data in seeds:
        target = os.path.join(args.out, hashlib.sha1(data).hexdigest())
        if not os.path.exists(target):
            with open(target, 'wb') as f:
                f.write(data)
            written += 1
    print(f'{args.out}: {written} new seed(s), {len(seeds)} candidate(s)')


if __name__ == '__main__':
    main()
