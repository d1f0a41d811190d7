"""Deterministic key generation from the seeded stream.

The cryptography package cannot take its randomness from a caller, and searching 1024- and
2048-bit primes in pure Python takes seconds to minutes. So RSA keys are assembled from two
primes picked by the seeded stream out of a table of primes (keymaterial.json, produced once by
`build_key_material` with OpenSSL's generator), and DSA keys use a fixed 2048/256 parameter set
with a seeded private exponent. ECDSA and Ed25519 keys come straight from seeded bytes. The keys
are fresh per draw for every practical purpose of a teaching kit, and identical for a given seed.
"""

from __future__ import annotations

import functools
import json
import math
from importlib import resources

from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed25519, rsa

from ._rng import Entropy

_SMALL_PRIMES = [p for p in range(3, 2000) if all(p % d for d in range(2, int(p**0.5) + 1))]
_SMALL_PRODUCT = math.prod(_SMALL_PRIMES)


def _probably_prime(n: int, source: Entropy, rounds: int = 20) -> bool:
    if n < 2:
        return False
    if math.gcd(n, _SMALL_PRODUCT) != 1:
        return n in _SMALL_PRIMES
    d, r = n - 1, 0
    while d % 2 == 0:
        d //= 2
        r += 1
    for i in range(rounds):
        a = 2 if i == 0 else 2 + source.below(n - 3)
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(r - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def random_prime(bits: int, source: Entropy) -> int:
    """A prime of exactly `bits` bits whose top two bits are set (so p*q has 2*bits bits)."""
    while True:
        candidate = source.bits(bits) | (3 << (bits - 2)) | 1
        if _probably_prime(candidate, source):
            return candidate


@functools.cache
def key_material() -> dict:
    return json.loads(resources.files(__package__).joinpath("keymaterial.json").read_text())


def _table_prime(bits: int, source: Entropy, avoid: int = 0) -> int:
    table = key_material().get(f"rsa_primes_{bits}")
    if not table:
        return random_prime(bits, source)
    while True:
        prime = int(table[source.below(len(table))], 16)
        if prime != avoid:
            return prime


def rsa_key(bits: int, source: Entropy) -> rsa.RSAPrivateKey:
    e = 65537
    while True:
        p = _table_prime(bits // 2, source)
        q = _table_prime(bits - bits // 2, source, avoid=p)
        phi = (p - 1) * (q - 1)
        if p != q and math.gcd(e, phi) == 1 and (p * q).bit_length() == bits:
            break
        p, q = q, p
    d = pow(e, -1, phi)
    numbers = rsa.RSAPrivateNumbers(
        p=p,
        q=q,
        d=d,
        dmp1=d % (p - 1),
        dmq1=d % (q - 1),
        iqmp=pow(q, -1, p),
        public_numbers=rsa.RSAPublicNumbers(e, p * q),
    )
    # The primes are known good; the validation would re-test them at length.
    return numbers.private_key(unsafe_skip_rsa_key_validation=True)


def ecdsa_p256_key(source: Entropy) -> ec.EllipticCurvePrivateKey:
    order = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
    return ec.derive_private_key(1 + source.below(order - 1), ec.SECP256R1())


def ed25519_key(source: Entropy) -> ed25519.Ed25519PrivateKey:
    return ed25519.Ed25519PrivateKey.from_private_bytes(source.bytes(32))


def dsa_key(source: Entropy) -> dsa.DSAPrivateKey:
    """A key over the fixed L=2048, N=256 parameters (Sprig asks Go for L2048N256)."""
    table = key_material()["dsa_2048_256"]
    p, q, g = (int(table[name], 16) for name in ("p", "q", "g"))
    private = 1 + source.below(q - 1)
    params = dsa.DSAParameterNumbers(p, q, g)
    return dsa.DSAPrivateNumbers(
        private, dsa.DSAPublicNumbers(pow(g, private, p), params)
    ).private_key()


def build_key_material(pairs: int = 16) -> dict:
    """Regenerate keymaterial.json's content (uses OpenSSL's generator; run by hand)."""
    material: dict = {"rsa_primes_1024": [], "rsa_primes_2048": []}
    for bits, name in ((2048, "rsa_primes_1024"), (4096, "rsa_primes_2048")):
        for _ in range(pairs):
            numbers = rsa.generate_private_key(65537, bits).private_numbers()
            material[name] += [format(numbers.p, "x"), format(numbers.q, "x")]
    params = dsa.generate_parameters(2048).parameter_numbers()
    material["dsa_2048_256"] = {
        "p": format(params.p, "x"),
        "q": format(params.q, "x"),
        "g": format(params.g, "x"),
    }
    return material
