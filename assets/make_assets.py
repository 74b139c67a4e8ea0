#!/usr/bin/env python3
"""Makes the app's assets from nothing but arithmetic (no downloaded art): the window icon
(icon.png, a chat bubble with three dots on the accent blue) and the chime of a new customer
message (chime.wav, two short sine tones). Run from anywhere: writes beside this script.
The output is deterministic, so running it again gives the same bytes."""
import math
import os
import struct
import wave
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def png(path, w, h, pixels):
    """pixels: list of rows of (r, g, b, a)."""
    raw = b"".join(b"\x00" + bytes(c for px in row for c in px) for row in pixels)

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
    with open(path, "wb") as f:
        f.write(data)


def coverage(inside, x, y, n=4):
    """Anti-aliased coverage of a shape at pixel (x, y), n*n samples."""
    hit = 0
    for i in range(n):
        for j in range(n):
            if inside(x + (i + 0.5) / n, y + (j + 0.5) / n):
                hit += 1
    return hit / (n * n)


def icon(size=64):
    s = size / 64.0
    accent = (255, 80, 0)  # the app's shop orange (src/app/ui.h C_ACCENT)
    white = (255, 255, 255)

    def rounded(px, py, x0, y0, x1, y1, r):
        cx = min(max(px, x0 + r), x1 - r)
        cy = min(max(py, y0 + r), y1 - r)
        return (px - cx) ** 2 + (py - cy) ** 2 <= r * r and x0 <= px <= x1 and y0 <= py <= y1

    def bubble(px, py):
        px, py = px / s, py / s
        if rounded(px, py, 6, 8, 58, 46, 10):
            return True
        # the tail, bottom left
        return 14 <= px <= 28 and 44 <= py <= 58 and px - 14 <= (58 - py) * 1.0

    def dot(px, py):
        px, py = px / s, py / s
        return any((px - cx) ** 2 + (py - 27) ** 2 <= 4.5 ** 2 for cx in (20, 32, 44))

    rows = []
    for y in range(size):
        row = []
        for x in range(size):
            b = coverage(bubble, x, y)
            d = coverage(dot, x, y)
            if b == 0:
                row.append((0, 0, 0, 0))
                continue
            col = tuple(round(a * (1 - d) + w * d) for a, w in zip(accent, white))
            row.append(col + (round(255 * b),))
        rows.append(row)
    return rows


def chime(path, rate=22050):
    """Two tones (E6 then A6), 90 ms and 140 ms, soft attack and decay: a short ding-dong."""
    frames = bytearray()
    for freq, dur in ((1318.5, 0.09), (1760.0, 0.14)):
        n = int(rate * dur)
        for i in range(n):
            t = i / rate
            env = min(1.0, i / (0.005 * rate)) * math.exp(-4.0 * t / dur)
            v = 0.35 * env * math.sin(2 * math.pi * freq * t)
            frames += struct.pack("<h", int(round(v * 32767)))
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(bytes(frames))


if __name__ == "__main__":
    png(os.path.join(HERE, "icon.png"), 64, 64, icon(64))
    chime(os.path.join(HERE, "chime.wav"))
