#!/usr/bin/env python3
"""x11tool: what a window manager and a screenshot tool would do, for the Wine GUI test.

  x11tool.py close WINDOW_ID   sends the window WM_PROTOCOLS/WM_DELETE_WINDOW, as a click on
                               a title bar's close button does (Xvfb runs no window manager)
  x11tool.py png XWD PNG       converts an xwd dump of a 24-bit TrueColor screen to PNG

Only the standard library (ctypes over libX11, zlib); exits 1 with a message on failure.
"""
import ctypes
import struct
import sys
import zlib


class XClientMessageEvent(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                ("display", ctypes.c_void_p), ("window", ctypes.c_ulong),
                ("message_type", ctypes.c_ulong), ("format", ctypes.c_int),
                ("l", ctypes.c_long * 5)]


class XEvent(ctypes.Union):
    _fields_ = [("xclient", XClientMessageEvent), ("pad", ctypes.c_long * 24)]


def close(wid):
    x = ctypes.CDLL("libX11.so.6")
    x.XOpenDisplay.restype = ctypes.c_void_p
    x.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x.XInternAtom.restype = ctypes.c_ulong
    x.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long,
                             ctypes.c_void_p]
    x.XFlush.argtypes = [ctypes.c_void_p]
    x.XCloseDisplay.argtypes = [ctypes.c_void_p]
    d = x.XOpenDisplay(None)
    if not d:
        sys.exit("x11tool: cannot open the display")
    ev = XEvent()
    ev.xclient.type = 33  # ClientMessage
    ev.xclient.window = wid
    ev.xclient.message_type = x.XInternAtom(d, b"WM_PROTOCOLS", 0)
    ev.xclient.format = 32
    ev.xclient.l[0] = x.XInternAtom(d, b"WM_DELETE_WINDOW", 0)
    ev.xclient.l[1] = 0  # CurrentTime
    if not x.XSendEvent(d, wid, 0, 0, ctypes.byref(ev)):
        sys.exit("x11tool: XSendEvent failed")
    x.XFlush(d)
    x.XCloseDisplay(d)


def png(xwd_path, png_path):
    data = open(xwd_path, "rb").read()
    h = struct.unpack(">25I", data[:100])
    header_size, version, pix_format, depth, width, height = h[0], h[1], h[2], h[3], h[4], h[5]
    byte_order, bpp, bytes_per_line, ncolors = h[7], h[11], h[12], h[19]
    if version != 7 or pix_format != 2 or bpp not in (24, 32) or depth not in (24, 32):
        sys.exit(f"x11tool: {xwd_path}: not a 24/32-bit ZPixmap dump (bpp {bpp}, depth {depth})")
    step = bpp // 8
    pixels = data[header_size + ncolors * 12:]
    rows = []
    for y in range(height):
        line = pixels[y * bytes_per_line:y * bytes_per_line + width * step]
        # LSBFirst (0): B G R [x] per pixel; MSBFirst: [x] R G B
        if byte_order == 0:
            b, g, r = line[0::step], line[1::step], line[2::step]
        else:
            o = step - 3
            r, g, b = line[o::step], line[o + 1::step], line[o + 2::step]
        row = bytearray(width * 3)
        row[0::3], row[1::3], row[2::3] = r, g, b
        rows.append(b"\0" + bytes(row))

    def chunk(kind, body):
        return (struct.pack(">I", len(body)) + kind + body +
                struct.pack(">I", zlib.crc32(kind + body) & 0xffffffff))
    with open(png_path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(b"".join(rows), 9)))
        f.write(chunk(b"IEND", b""))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "close":
        close(int(sys.argv[2], 0))
    elif len(sys.argv) == 4 and sys.argv[1] == "png":
        png(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
