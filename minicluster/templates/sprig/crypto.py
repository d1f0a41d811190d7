"""Sprig's crypto.go password and cipher functions: bcrypt, htpasswd, derivePassword,
encryptAES/decryptAES. Salts and IVs come from the seeded stream."""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
from typing import Any

import bcrypt as _bcrypt
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from minicluster.templates.functions import template_function

from ._core import FunctionError
from ._gobase import CorruptInput, b64decode
from ._gostr import from_utf8, utf8
from ._rng import entropy

_STD_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_BCRYPT_B64 = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
_TO_BCRYPT = str.maketrans(_STD_B64, _BCRYPT_B64)


def bcrypt_hash(ctx: Any, password: str) -> str:
    data = utf8(password)
    if len(data) > 72:
        return "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes"
    salt_chars = base64.b64encode(entropy(ctx).bytes(16)).decode("ascii").rstrip("=")
    salt = b"$2a$10$" + salt_chars.translate(_TO_BCRYPT).encode("ascii")
    return _bcrypt.hashpw(data, salt).decode("ascii")


@template_function("bcrypt", context=True)
def bcrypt_fn(ctx: Any, s: str) -> str:
    return bcrypt_hash(ctx, s)


@template_function("htpasswd", context=True)
def htpasswd(ctx: Any, username: str, password: str) -> str:
    if ":" in username:
        return f"invalid username: {username}"
    return f"{username}:{bcrypt_hash(ctx, password)}"


# -- Master Password (derivePassword) ---------------------------------------------------------

_MASTER_SEED = b"com.lyndir.masterpassword"
_TEMPLATES = {
    "maximum": ["anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"],
    "long": [
        "CvcvnoCvcvCvcv", "CvcvCvcvnoCvcv", "CvcvCvcvCvcvno", "CvccnoCvcvCvcv", "CvccCvcvnoCvcv",
        "CvccCvcvCvcvno", "CvcvnoCvccCvcv", "CvcvCvccnoCvcv", "CvcvCvccCvcvno", "CvcvnoCvcvCvcc",
        "CvcvCvcvnoCvcc", "CvcvCvcvCvccno", "CvccnoCvccCvcv", "CvccCvccnoCvcv", "CvccCvccCvcvno",
        "CvcvnoCvccCvcc", "CvcvCvccnoCvcc", "CvcvCvccCvccno", "CvccnoCvcvCvcc", "CvccCvcvnoCvcc",
        "CvccCvcvCvccno",
    ],
    "medium": ["CvcnoCvc", "CvcCvcno"],
    "short": ["Cvcn"],
    "basic": ["aaanaaan", "aannaaan", "aaannaaa"],
    "pin": ["nnnn"],
}  # fmt: skip
_CHARACTERS = {
    "V": "AEIOU",
    "C": "BCDFGHJKLMNPQRSTVWXYZ",
    "v": "aeiou",
    "c": "bcdfghjklmnpqrstvwxyz",
    "A": "AEIOUBCDFGHJKLMNPQRSTVWXYZ",
    "a": "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz",
    "n": "0123456789",
    "o": "@&%?,=[]_:-+*$#!'^~;()/.",
    "x": "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()",
}


@template_function("derivePassword")
def derive_password(counter: int, password_type: str, password: str, user: str, site: str) -> str:
    templates = _TEMPLATES.get(password_type)
    if templates is None:
        return f"cannot find password template {password_type}"
    user_bytes, site_bytes = utf8(user), utf8(site)
    salt = _MASTER_SEED + struct.pack(">I", len(user_bytes)) + user_bytes
    key = hashlib.scrypt(utf8(password), salt=salt, n=32768, r=8, p=2, dklen=64, maxmem=1 << 26)
    message = (
        _MASTER_SEED
        + struct.pack(">I", len(site_bytes))
        + site_bytes
        + struct.pack(">I", counter & 0xFFFFFFFF)
    )
    seed = hmac.new(key, message, hashlib.sha256).digest()
    template = templates[seed[0] % len(templates)]
    return "".join(
        _CHARACTERS[kind][seed[i + 1] % len(_CHARACTERS[kind])] for i, kind in enumerate(template)
    )


# -- AES-256-CBC with the password as key -----------------------------------------------------


def _aes_key(password: str) -> bytes:
    return (utf8(password) + bytes(32))[:32]


def _encrypt(ctx: Any, password: str, plaintext: str) -> str:
    if plaintext == "":
        return ""
    content = utf8(plaintext)
    padding = 16 - len(content) % 16
    content += bytes([padding]) * padding
    iv = entropy(ctx).bytes(16)
    encryptor = Cipher(algorithms.AES(_aes_key(password)), modes.CBC(iv)).encryptor()
    return base64.b64encode(iv + encryptor.update(content) + encryptor.finalize()).decode("ascii")


@template_function("encryptAES", context=True)
def encrypt_aes(ctx: Any, password: str, plaintext: str) -> str:
    return _encrypt(ctx, password, plaintext)


@template_function("decryptAES")
def decrypt_aes(password: str, crypt64: str) -> str:
    if crypt64 == "":
        return ""
    try:
        data = b64decode(utf8(crypt64))
    except CorruptInput as err:
        raise FunctionError(str(err)) from None
    if len(data) < 16:
        # Sprig slices the IV off without checking the length first.
        raise FunctionError(
            f"runtime error: slice bounds out of range [:16] with capacity {len(data)}"
        )
    iv, body = data[:16], data[16:]
    if len(body) % 16:
        raise FunctionError("crypto/cipher: input not full blocks")
    decryptor = Cipher(algorithms.AES(_aes_key(password)), modes.CBC(iv)).decryptor()
    plain = decryptor.update(body) + decryptor.finalize()
    if not plain:
        raise FunctionError("runtime error: index out of range [-1]")
    cut = len(plain) - plain[-1]
    if cut < 0:
        raise FunctionError(f"runtime error: slice bounds out of range [:{cut}]")
    return from_utf8(plain[:cut])
