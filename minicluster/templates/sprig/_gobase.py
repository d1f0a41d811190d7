"""Go's encoding/base64 and encoding/base32 standard decoders, for their error offsets."""

from __future__ import annotations

import base64

_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


class CorruptInput(ValueError):
    def __init__(self, kind: str, offset: int) -> None:
        super().__init__(f"illegal {kind} data at input byte {offset}")


def b64decode(src: bytes) -> bytes:
    """base64.StdEncoding.DecodeString: CR/LF ignored, padding required."""
    table = {ord(c): i for i, c in enumerate(_B64)}
    out = bytearray()
    si = 0
    n = len(src)
    while True:
        quantum: list[int] = []
        j = 0
        done = False
        while j < 4:
            if si == n:
                if j == 0:
                    return bytes(out)
                raise CorruptInput("base64", si - j)
            ch = src[si]
            si += 1
            if ch in table:
                quantum.append(table[ch])
                j += 1
                continue
            if ch in (0x0A, 0x0D):
                continue
            if ch != ord("="):
                raise CorruptInput("base64", si - 1)
            if j in (0, 1):
                raise CorruptInput("base64", si - 1)
            if j == 2:
                while si < n and src[si] in (0x0A, 0x0D):
                    si += 1
                if si == n:
                    raise CorruptInput("base64", n)
                if src[si] != ord("="):
                    raise CorruptInput("base64", si - 1)
                si += 1
            while si < n and src[si] in (0x0A, 0x0D):
                si += 1
            if si < n:
                raise CorruptInput("base64", si)
            done = True
            break
        value = 0
        for k in range(4):
            value = (value << 6) | (quantum[k] if k < len(quantum) else 0)
        chunk = value.to_bytes(3, "big")
        out += chunk[: max(len(quantum) - 1, 0)] if len(quantum) < 4 else chunk
        if done:
            return bytes(out)


def b32decode(src: bytes) -> bytes:
    """base32.StdEncoding.DecodeString (newlines stripped first)."""
    data = bytes(b for b in src if b not in (0x0A, 0x0D))
    table = {ord(c): i for i, c in enumerate(_B32)}
    total = len(data)
    pos = 0
    out = bytearray()
    while pos < total:
        values: list[int] = []
        j = 0
        end = False
        while j < 8:
            if pos == total:
                raise CorruptInput("base32", total - (total - pos) - j)
            ch = data[pos]
            pos += 1
            remaining = total - pos
            if ch == ord("=") and j >= 2 and remaining < 8:
                if remaining + j < 7:
                    raise CorruptInput("base32", total)
                for k in range(7 - j):
                    if remaining > k and data[pos + k] != ord("="):
                        raise CorruptInput("base32", total - remaining + k - 1)
                if j in (1, 3, 6):
                    raise CorruptInput("base32", total - remaining - 1)
                end = True
                pos = total
                break
            if ch not in table:
                raise CorruptInput("base32", total - remaining - 1)
            values.append(table[ch])
            j += 1
        if end:
            padded = "".join(_B32[v] for v in values)
            padded += "=" * (-len(padded) % 8)
            out += base64.b32decode(padded)
            break
        out += base64.b32decode("".join(_B32[v] for v in values))
    return bytes(out)
