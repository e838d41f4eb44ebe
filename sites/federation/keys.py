"""This install's Ed25519 key and the encodings of public keys exchanged between installs."""

import base64
import hashlib

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.db import IntegrityError, transaction

from .models import InstallKey


class BadKey(ValueError):
    pass


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def public_text(key: Ed25519PublicKey) -> str:
    """A public key as it travels: its 32 raw bytes, base64url."""
    return b64(key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))


def public_key(text: str) -> Ed25519PublicKey:
    try:
        raw = unb64(text)
        return Ed25519PublicKey.from_public_bytes(raw)
    except ValueError as error:  # binascii.Error is a ValueError
        raise BadKey(f"Not an Ed25519 public key: {error}") from error


def key_id(text: str) -> str:
    """A public key's id: the SHA-256 of its raw bytes, base64url (what signatures name as ``keyid``)."""
    return b64(hashlib.sha256(unb64(text)).digest())


def own_key() -> tuple[str, Ed25519PrivateKey]:
    """This install's key id and private key, made and stored the first time it is asked for."""
    row = InstallKey.objects.filter(pk=1).first()
    if row is None:
        private = Ed25519PrivateKey.generate()
        pem = private.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ).decode()
        try:
            with transaction.atomic():
                InstallKey.objects.create(pk=1, private_key=pem, key_id=key_id(public_text(private.public_key())))
        except IntegrityError:
            pass  # another process made it first (the row is always pk 1): use theirs
        row = InstallKey.objects.get(pk=1)
    private = serialization.load_pem_private_key(row.private_key.encode(), password=None)
    return row.key_id, private


def own_public_text() -> str:
    return public_text(own_key()[1].public_key())
