"""Random, clock and crypto functions: compared with real Helm by shape and by round trips,
since Helm's own output is random. Ours must also be reproducible from the seed."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import bcrypt
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed25519, rsa

from minicluster.core.clock import VirtualClock
from minicluster.core.rand import SeededRandom
from minicluster.templates.engine import Template, render

try:
    from .sprig_oracle_support import HelmFailure, cached_helm_outputs
except ImportError:  # the tests directory is not a package
    from sprig_oracle_support import HelmFailure, cached_helm_outputs  # type: ignore[no-redef]

helm_python = pytest.importorskip("helm_python")
pytestmark = pytest.mark.oracle

EPOCH = datetime(2024, 2, 29, 23, 59, 30, tzinfo=timezone.utc)


@dataclass
class Ctx:
    clock: Any
    rand: Any
    lookup: Any = None


def ours(text: str, seed: int = 1, at: float = 0.0) -> str:
    ctx = Ctx(VirtualClock(epoch=EPOCH, start=at), SeededRandom(seed))
    name = "mychart/templates/t.yaml"
    return render([Template(name, text, {"Values": {}})], context=ctx)[name]


SHAPES = {
    "{{ randAlphaNum 24 }}": r"[A-Za-z0-9]{24}",
    "{{ randAlpha 20 }}": r"[A-Za-z]{20}",
    "{{ randNumeric 16 }}": r"[0-9]{16}",
    "{{ randAscii 30 }}": r"[ -~]{30}",
    "[{{ randAlphaNum 0 }}][{{ randAlphaNum -3 }}]": r"\[\]\[\]",
    "{{ randBytes 9 | len }}": r"12",
    "{{ randBytes 12 }}": r"[A-Za-z0-9+/]{16}",
    "{{ uuidv4 }}": r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}",
    "{{ randInt 3 5 }}": r"[34]",
    '{{ shuffle "aabbcc" | len }}': r"6",
    "{{ now | typeOf }} {{ now | kindOf }}": r"time\.Time struct",
    '{{ now | date "2006" | len }}': r"4",
    "{{ ago now }}": r"0s",
    "{{ durationRound now }}": r"0s",
    '{{ bcrypt "secret" }}': r"\$2a\$10\$[./A-Za-z0-9]{53}",
    '{{ htpasswd "bob" "pw" }}': r"bob:\$2a\$10\$[./A-Za-z0-9]{53}",
    '{{ htpasswd "b:ob" "pw" }}': r"invalid username: b:ob",
    '{{ encryptAES "key" "hello" }}': r"[A-Za-z0-9+/]{43}=",
    '{{ encryptAES "key" "" }}|{{ decryptAES "key" "" }}': r"\|",
    '{{ genPrivateKey "rsa" | trunc 32 }}': r"-----BEGIN RSA PRIVATE KEY-----\n",
    '{{ genPrivateKey "ecdsa" | trunc 31 }}': r"-----BEGIN EC PRIVATE KEY-----\n",
    '{{ genPrivateKey "ed25519" | trunc 28 }}': r"-----BEGIN PRIVATE KEY-----\n",
    '{{ genPrivateKey "dsa" | trunc 32 }}': r"-----BEGIN DSA PRIVATE KEY-----\n",
}

ERRORS = [
    '{{ decryptAES "key" "abc" }}',
    '{{ decryptAES "key" "YWJj" }}',
    '{{ decryptAES "key" "MDEyMzQ1Njc4OWFiY2RlZjAxMg==" }}',
    "{{ randInt 5 5 }}",
    '{{ buildCustomCert "x" "y" }}',
    '{{ buildCustomCert "aGk=" "aGk=" }}',
    '{{ genSelfSignedCert "a" (list 1) nil 3 }}',
    '{{ genSelfSignedCert "a" (list "nope") nil 3 }}',
    '{{ genSelfSignedCert "a" nil (list 2) 3 }}',
    '{{ genCAWithKey "a" 3 "junk" }}',
    '{{ genCAWithKey "a" 3 "-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n" }}',
]

CERTS = (
    '{{ $ca := genCA "my-ca" 365 }}{{ $c := genSignedCert "svc.ns" (list "10.0.0.1" "::1") '
    '(list "a.b" "c.d") 30 $ca }}{{ $s := genSelfSignedCert "self" nil (list "x.y") 10 }}'
    "{{ $ca.Cert }}|{{ $ca.Key }}|{{ $c.Cert }}|{{ $c.Key }}|{{ $s.Cert }}|{{ $s.Key }}"
)
KEYS = [
    '{{ genPrivateKey "rsa" }}',
    '{{ genPrivateKey "ecdsa" }}',
    '{{ genPrivateKey "ed25519" }}',
    '{{ genPrivateKey "dsa" }}',
]
WITH_KEY = (
    '{{ $k := genPrivateKey "ecdsa" }}{{ $ca := genCAWithKey "eca" 5 $k }}'
    '{{ $c := genSignedCertWithKey "leaf" nil nil 2 $ca (genPrivateKey "ed25519") }}'
    "{{ $ca.Cert }}|{{ $c.Cert }}|{{ $c.Key }}"
)
AES_FROM_HELM = '{{ encryptAES "pass-word" "the message: ✓" }}'


@pytest.fixture(scope="module")
def helm(request: pytest.FixtureRequest) -> dict[str, str]:
    # Failing snippets first: Helm stops at the first failure and the harness renders again
    # what lies below it, so the expensive key generations should sit above every failure.
    snippets = ERRORS + list(SHAPES) + [CERTS, WITH_KEY, AES_FROM_HELM] + KEYS
    outputs = cached_helm_outputs(
        getattr(request.config, "cache", None), "sprig-crypto", snippets, {}
    )
    return dict(zip(snippets, outputs))


@pytest.mark.parametrize("template", list(SHAPES))
def test_shape_matches_helm(template: str, helm: dict[str, str]) -> None:
    pattern = SHAPES[template]
    assert re.fullmatch(pattern, helm[template], flags=re.S), helm[template]
    assert re.fullmatch(pattern, ours(template), flags=re.S), ours(template)


@pytest.mark.parametrize("template", ERRORS)
def test_errors_match_helm(template: str, helm: dict[str, str]) -> None:
    expected = helm[template]
    assert isinstance(expected, HelmFailure)
    with pytest.raises(Exception) as info:
        ours(template)
    assert str(info.value).replace("t.yaml", "") == re.sub(r"t\d{4}\.yaml", "", expected)


def test_same_seed_same_output_other_seed_other_output() -> None:
    template = (
        '{{ randAlphaNum 16 }} {{ uuidv4 }} {{ genPrivateKey "ecdsa" }} {{ randInt 0 1000000 }}'
    )
    assert ours(template, seed=7) == ours(template, seed=7)
    assert ours(template, seed=7) != ours(template, seed=8)
    # successive draws in one render differ
    first, second = ours("{{ randAlphaNum 16 }} {{ randAlphaNum 16 }}").split()
    assert first != second


def test_dates_follow_the_virtual_clock() -> None:
    text = '{{ now | date "2006-01-02T15:04:05Z07:00" }} {{ now | unixEpoch }} {{ htmlDate now }}'
    assert ours(text) == "2024-02-29T23:59:30Z 1709251170 2024-02-29"
    assert ours(text, at=45.5) == "2024-03-01T00:00:15Z 1709251215 2024-03-01"
    assert ours("{{ now }}", at=0.25) == "2024-02-29 23:59:30.25 +0000 UTC"
    assert ours('{{ ago (toDate "2006-01-02" "2024-02-28") }}') == "47h59m30s"
    assert ours('{{ date "2006" 3.5 }} {{ dateInZone "15:04" "x" "Asia/Tokyo" }}') == "2024 08:59"


def test_bcrypt_hashes_verify(helm: dict[str, str]) -> None:
    assert bcrypt.checkpw(b"secret", helm['{{ bcrypt "secret" }}'].encode())
    assert bcrypt.checkpw(b"secret", ours('{{ bcrypt "secret" }}').encode())
    user, hashed = ours('{{ htpasswd "bob" "pw" }}').split(":", 1)
    assert user == "bob" and bcrypt.checkpw(b"pw", hashed.encode())


def test_aes_round_trips_with_helm(helm: dict[str, str]) -> None:
    from_helm = helm[AES_FROM_HELM]
    assert ours(f'{{{{ decryptAES "pass-word" "{from_helm}" }}}}') == "the message: ✓"
    mine = ours('{{ encryptAES "pass-word" "from the kit" }}')
    back = cached_helm_outputs(None, "", [f'{{{{ decryptAES "pass-word" "{mine}" }}}}'], {})
    assert back == ["from the kit"]


def _profile(pem: str) -> list[Any]:
    cert = x509.load_pem_x509_certificate(pem.encode())
    extensions = [(e.oid.dotted_string, e.critical) for e in cert.extensions]
    san = []
    for ext in cert.extensions:
        if isinstance(ext.value, x509.SubjectAlternativeName):
            san = [str(v.value) for v in ext.value]
    validity = cert.not_valid_after_utc - cert.not_valid_before_utc
    key = cert.public_key()
    return [
        cert.subject.public_bytes(),
        cert.issuer.public_bytes(),
        extensions,
        san,
        validity,
        type(key).__mro__[1].__name__,
        getattr(key, "key_size", None),
        cert.signature_algorithm_oid.dotted_string,
        cert.version,
    ]


def _chain_is_valid(ca_pem: str, leaf_pem: str) -> None:
    ca = x509.load_pem_x509_certificate(ca_pem.encode())
    leaf = x509.load_pem_x509_certificate(leaf_pem.encode())
    leaf.verify_directly_issued_by(ca)
    aki = leaf.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value
    ski = ca.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    assert aki.key_identifier == ski.digest


def test_certificates_have_helms_structure(helm: dict[str, str]) -> None:
    theirs = helm[CERTS].split("|")
    mine = ours(CERTS).split("|")
    for their_pem, my_pem in zip(theirs[0::2], mine[0::2]):
        assert _profile(my_pem) == _profile(their_pem)
    for their_key, my_key in zip(theirs[1::2], mine[1::2]):
        assert my_key.splitlines()[0] == their_key.splitlines()[0]
    _chain_is_valid(mine[0], mine[2])
    _chain_is_valid(theirs[0], theirs[2])
    start = x509.load_pem_x509_certificate(mine[0].encode()).not_valid_before_utc
    assert start == EPOCH


def test_certificates_with_given_keys(helm: dict[str, str]) -> None:
    theirs = helm[WITH_KEY].split("|")
    mine = ours(WITH_KEY).split("|")
    for their_pem, my_pem in zip(theirs[:2], mine[:2]):
        assert _profile(my_pem) == _profile(their_pem)
    _chain_is_valid(mine[0], mine[1])
    assert mine[2].splitlines()[0] == theirs[2].splitlines()[0] == "-----BEGIN PRIVATE KEY-----"


def _key_profile(pem: str) -> tuple[Any, ...]:
    key = serialization.load_pem_private_key(
        pem.encode(), password=None, unsafe_skip_rsa_key_validation=True
    )
    if isinstance(key, rsa.RSAPrivateKey):
        return ("rsa", key.key_size, key.private_numbers().public_numbers.e)
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return ("ec", key.curve.name)
    if isinstance(key, ed25519.Ed25519PrivateKey):
        return ("ed25519",)
    assert isinstance(key, dsa.DSAPrivateKey)
    return ("dsa", key.key_size, key.parameters().parameter_numbers().q.bit_length())


@pytest.mark.parametrize("template", KEYS)
def test_private_keys_match_helms_kind(template: str, helm: dict[str, str]) -> None:
    assert _key_profile(ours(template)) == _key_profile(helm[template])
    assert ours(template).splitlines()[0] == helm[template].splitlines()[0]


def test_build_custom_cert_round_trip() -> None:
    pems = ours(
        '{{ $c := genSelfSignedCert "x" nil nil 1 }}{{ $c.Cert | b64enc }} {{ $c.Key | b64enc }}'
    )
    cert64, key64 = pems.split()
    rebuilt = ours(
        f'{{{{ $c := buildCustomCert "{cert64}" "{key64}" }}}}{{{{ $c.Cert | b64enc }}}}'
    )
    assert rebuilt == cert64
    assert base64.b64decode(cert64).startswith(b"-----BEGIN CERTIFICATE-----")
