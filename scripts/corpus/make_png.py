"""Write a small, fixed 24x16 RGB PNG (a three-bar chart icon) with zlib/struct only.
Usage: python3 make_png.py OUT.png"""
import struct
import sys
import zlib

W, H = 24, 16
BARS = [(2, 7, 10, (0x2E, 0x75, 0xB6)), (9, 14, 6, (0x63, 0xBE, 0x7B)), (16, 21, 12, (0xC0, 0x00, 0x00))]


def pixel(x, y):
    for x0, x1, height, rgb in BARS:
        if x0 <= x <= x1 and y >= H - height:
            return rgb
    return (0xFF, 0xFF, 0xFF)


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png():
    raw = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(W)) for y in range(H))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


if __name__ == "__main__":
    with open(sys.argv[1], "wb") as f:
        f.write(png())
