"""Sprig's key and certificate functions (genPrivateKey, genCA, genSelfSignedCert,
genSignedCert, their *WithKey forms, buildCustomCert). Keys come from the seeded stream
(_keygen.py) and validity starts at the virtual clock's now."""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed25519, rsa
from cryptography.x509.name import _ASN1Type
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from minicluster.templates.functions import template_function
from minicluster.templates.gotypes import GoStruct

from . import _keygen
from ._core import FunctionError, type_name
from ._gobase import CorruptInput, b64decode
from ._gostr import utf8
from ._rng import Entropy, entropy
from .dates import current_time


class Certificate(GoStruct):
    """Sprig's certificate struct: PEM strings in .Cert and .Key."""

    go_type = "sprig.certificate"
    go_fields = ("Cert", "Key")

    def __init__(self, cert: str = "", key: str = "") -> None:
        self.Cert = cert
        self.Key = key

    def json_value(self) -> dict[str, str]:
        return {"Cert": self.Cert, "Key": self.Key}


class CertError(Exception):
    pass


def _pem_for_key(key: Any) -> str:
    if isinstance(key, rsa.RSAPrivateKey):
        fmt = serialization.PrivateFormat.TraditionalOpenSSL
    elif isinstance(key, (ec.EllipticCurvePrivateKey, dsa.DSAPrivateKey)):
        fmt = serialization.PrivateFormat.TraditionalOpenSSL
    else:
        fmt = serialization.PrivateFormat.PKCS8
    return key.private_bytes(serialization.Encoding.PEM, fmt, serialization.NoEncryption()).decode()


def _generate_key(kind: str, source: Entropy) -> Any:
    if kind == "rsa":
        return _keygen.rsa_key(4096, source)
    if kind == "dsa":
        return _keygen.dsa_key(source)
    if kind == "ecdsa":
        return _keygen.ecdsa_p256_key(source)
    if kind == "ed25519":
        return _keygen.ed25519_key(source)
    return None


@template_function("genPrivateKey", context=True)
def gen_private_key(ctx: Any, kind: str) -> str:
    key = _generate_key(kind, entropy(ctx))
    if key is None:
        return f"Unknown type {kind}"
    return _pem_for_key(key)


def _parse_private_key_pem(text: str) -> Any:
    """sprig parsePrivateKeyPEM: PKCS#8, or RSA/EC/DSA traditional blocks."""
    begin = text.find("-----BEGIN ")
    if begin < 0:
        raise CertError("no PEM data in input")
    header_end = text.find("-----", begin + 11)
    block_type = text[begin + 11 : header_end]
    try:
        key = serialization.load_pem_private_key(utf8(text[begin:]), password=None)
    except (ValueError, TypeError) as err:
        if block_type == "PRIVATE KEY":
            raise CertError(f"decoding PEM as PKCS#8: {err}") from None
        if not block_type.endswith(" PRIVATE KEY"):
            raise CertError(f"no private key data in PEM block of type {block_type}") from None
        kind = block_type[: -len(" PRIVATE KEY")]
        if kind in ("RSA", "EC", "DSA"):
            raise CertError(f"parsing {kind} private key from PEM: {err}") from None
        raise CertError(f"invalid private key type {block_type}") from None
    if block_type != "PRIVATE KEY" and not block_type.endswith(" PRIVATE KEY"):
        raise CertError(f"no private key data in PEM block of type {block_type}")
    return key


def _ip_addresses(values: Any) -> list[Any]:
    result = []
    for value in values or []:
        if not isinstance(value, str):
            raise CertError(f"error parsing ip: {value} is not a string")
        try:
            result.append(ipaddress.ip_address(value))
        except ValueError:
            raise CertError(f"error parsing ip: {value}") from None
    return result


def _dns_names(values: Any) -> list[str]:
    result = []
    for value in values or []:
        if not isinstance(value, str):
            raise CertError(f"error processing alternate dns name: {value} is not a string")
        result.append(value)
    return result


def _key_id(public_key: Any) -> bytes:
    """Go 1.25+ fills SubjectKeyId with truncated SHA-256 of the subject public key bits."""
    spki = public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return hashlib.sha256(_spki_bit_string(spki)).digest()[:20]


def _spki_bit_string(spki: bytes) -> bytes:
    def read_length(data: bytes, pos: int) -> tuple[int, int]:
        first = data[pos]
        if first < 0x80:
            return first, pos + 1
        count = first & 0x7F
        return int.from_bytes(data[pos + 1 : pos + 1 + count], "big"), pos + 1 + count

    _, pos = read_length(spki, 1)  # outer SEQUENCE
    algorithm_length, body = read_length(spki, pos + 1)  # AlgorithmIdentifier
    pos = body + algorithm_length
    bit_length, body = read_length(spki, pos + 1)  # BIT STRING
    return spki[body + 1 : body + bit_length]  # skip the unused-bits octet


_PRINTABLE = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 '()+,-./:=?*")


def _common_name(cn: str) -> x509.NameAttribute:
    """Go writes a name as PrintableString when it can, else UTF8String."""
    if set(cn) <= _PRINTABLE:
        return x509.NameAttribute(NameOID.COMMON_NAME, cn, _type=_ASN1Type.PrintableString)
    return x509.NameAttribute(NameOID.COMMON_NAME, cn)


def _sign_args(signing_key: Any) -> dict[str, Any]:
    if isinstance(signing_key, (ed25519.Ed25519PrivateKey,)):
        return {"algorithm": None}
    if isinstance(signing_key, ec.EllipticCurvePrivateKey):
        return {"algorithm": hashes.SHA256(), "ecdsa_deterministic": True}
    return {"algorithm": hashes.SHA256()}


def _certificate(
    ctx: Any,
    cn: str,
    ips: Any,
    dns: Any,
    days: int,
    key: Any,
    *,
    is_ca: bool,
    issuer: x509.Certificate | None = None,
    issuer_key: Any = None,
) -> Certificate:
    addresses = _ip_addresses(ips)
    names = _dns_names(dns)
    source = entropy(ctx)
    serial = source.bits(128) or 1
    start = current_time(ctx)
    not_before = dt.datetime.fromtimestamp(start.unix, dt.timezone.utc)
    not_after = not_before + dt.timedelta(hours=24 * days)
    subject = x509.Name([_common_name(cn)]) if cn else x509.Name([])
    public_key = key.public_key()
    builder = (
        x509.CertificateBuilder()
        .serial_number(serial)
        .subject_name(subject)
        .issuer_name(issuer.subject if issuer is not None else subject)
        .public_key(public_key)
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=True,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=is_ca,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage(
                [ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=is_ca, path_length=None), critical=True)
    )
    if is_ca:
        builder = builder.add_extension(
            x509.SubjectKeyIdentifier(_key_id(public_key)), critical=False
        )
    if issuer is not None:
        try:
            issuer_skid = issuer.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
            builder = builder.add_extension(
                x509.AuthorityKeyIdentifier(issuer_skid.value.digest, None, None), critical=False
            )
        except x509.ExtensionNotFound:
            pass
    if names or addresses:
        general = [x509.DNSName(n) for n in names] + [x509.IPAddress(a) for a in addresses]
        builder = builder.add_extension(x509.SubjectAlternativeName(general), critical=False)
    signer = issuer_key if issuer_key is not None else key
    cert = builder.sign(private_key=signer, **_sign_args(signer))
    return Certificate(cert.public_bytes(serialization.Encoding.PEM).decode(), _pem_for_key(key))


def _rsa2048(ctx: Any) -> Any:
    return _keygen.rsa_key(2048, entropy(ctx))


def _run(build: Any) -> Certificate:
    try:
        return build()
    except CertError as err:
        raise FunctionError(str(err)) from None


def _key_from(text: str) -> Any:
    try:
        return _parse_private_key_pem(text)
    except CertError as err:
        raise CertError(f"parsing private key: {err}") from None


@template_function("genCA", context=True)
def gen_ca(ctx: Any, cn: str, days_valid: int) -> Certificate:
    return _run(lambda: _certificate(ctx, cn, None, None, days_valid, _rsa2048(ctx), is_ca=True))


@template_function("genCAWithKey", context=True)
def gen_ca_with_key(ctx: Any, cn: str, days_valid: int, key: str) -> Certificate:
    return _run(lambda: _certificate(ctx, cn, None, None, days_valid, _key_from(key), is_ca=True))


@template_function("genSelfSignedCert", context=True)
def gen_self_signed_cert(ctx: Any, cn: str, ips: list, dns: list, days_valid: int) -> Certificate:
    return _run(lambda: _certificate(ctx, cn, ips, dns, days_valid, _rsa2048(ctx), is_ca=False))


@template_function("genSelfSignedCertWithKey", context=True)
def gen_self_signed_cert_with_key(
    ctx: Any, cn: str, ips: list, dns: list, days_valid: int, key: str
) -> Certificate:
    return _run(lambda: _certificate(ctx, cn, ips, dns, days_valid, _key_from(key), is_ca=False))


def _signed(
    ctx: Any, cn: str, ips: Any, dns: Any, days: int, ca: Certificate, key: Any
) -> Certificate:
    if not isinstance(ca, Certificate):
        raise CertError(f"wrong type for value; expected sprig.certificate; got {type_name(ca)}")
    begin = ca.Cert.find("-----BEGIN CERTIFICATE-----")
    if begin < 0:
        raise CertError("unable to decode certificate")
    try:
        issuer = x509.load_pem_x509_certificate(utf8(ca.Cert[begin:]))
    except ValueError as err:
        raise CertError(f"error parsing certificate: decodedSignerCert.Bytes: {err}") from None
    try:
        issuer_key = _parse_private_key_pem(ca.Key)
    except CertError as err:
        raise CertError(f"error parsing private key: {err}") from None
    signee = key() if callable(key) else key
    return _certificate(
        ctx, cn, ips, dns, days, signee, is_ca=False, issuer=issuer, issuer_key=issuer_key
    )


@template_function("genSignedCert", context=True)
def gen_signed_cert(
    ctx: Any, cn: str, ips: list, dns: list, days_valid: int, ca: Certificate
) -> Certificate:
    return _run(lambda: _signed(ctx, cn, ips, dns, days_valid, ca, lambda: _rsa2048(ctx)))


@template_function("genSignedCertWithKey", context=True)
def gen_signed_cert_with_key(
    ctx: Any, cn: str, ips: list, dns: list, days_valid: int, ca: Certificate, key: str
) -> Certificate:
    return _run(lambda: _signed(ctx, cn, ips, dns, days_valid, ca, lambda: _key_from(key)))


@template_function("buildCustomCert")
def build_custom_cert(base64_cert: str, base64_key: str) -> Certificate:
    try:
        cert = b64decode(utf8(base64_cert))
    except CorruptInput:
        raise FunctionError("unable to decode base64 certificate") from None
    try:
        key = b64decode(utf8(base64_key))
    except CorruptInput:
        raise FunctionError("unable to decode base64 private key") from None
    cert_text = cert.decode("utf-8", errors="replace")
    if "-----BEGIN " not in cert_text:
        raise FunctionError("unable to decode certificate")
    try:
        x509.load_pem_x509_certificate(cert)
    except ValueError as err:
        raise FunctionError(f"error parsing certificate: decodedCert.Bytes: {err}") from None
    key_text = key.decode("utf-8", errors="replace")
    try:
        _parse_private_key_pem(key_text)
    except CertError as err:
        raise FunctionError(f"error parsing private key: {err}") from None
    return Certificate(cert_text, key_text)


__all__ = ["Certificate"]
