"""Requests to a linked install: signed, to its address only, never redirected, bounded in time.

Another install's address is data a coordinator pasted, so it is treated like any address from
outside: no redirect is followed, no proxy from the environment is used, and a connection that
lands on a private, loopback or link-local address is closed before anything is sent (checked on
the connected socket, so a name that resolves elsewhere at the last moment changes nothing),
unless ``SOCLE_LINK_ALLOW_PRIVATE_ADDRESSES`` is on (tests and a network's own LAN).
"""

import ipaddress
import json
from urllib.parse import urljoin, urlsplit

import requests
import urllib3
from django.conf import settings
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from .signing import sign


class Unreachable(Exception):
    """The other install could not be asked: its address, the network, or its answer."""


class _GuardedNewConnection:
    def _new_conn(self):
        sock = super()._new_conn()
        address = ipaddress.ip_address(sock.getpeername()[0])
        if not address.is_global and not settings.SOCLE_LINK_ALLOW_PRIVATE_ADDRESSES:
            sock.close()
            raise Unreachable(
                f"{self.host} is at {address}, a private address: refused "
                "(set SOCLE_LINK_ALLOW_PRIVATE_ADDRESSES to link installs on a private network)."
            )
        return sock


class _HTTPConnection(_GuardedNewConnection, HTTPConnection):
    pass


class _HTTPSConnection(_GuardedNewConnection, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


class _GuardedAdapter(HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}


def _session() -> requests.Session:
    session = requests.Session()
    session.trust_env = False  # no proxy or .netrc from the environment
    session.mount("http://", _GuardedAdapter(max_retries=0))
    session.mount("https://", _GuardedAdapter(max_retries=0))
    return session


def endpoint(address: str, path: str) -> str:
    parts = urlsplit(address)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Unreachable(f"{address!r} is not an http(s) address.")
    if parts.username or parts.password or parts.query or parts.fragment:
        raise Unreachable(f"{address!r} must be a plain address, without credentials, query or fragment.")
    return urljoin(address.rstrip("/") + "/", path.lstrip("/"))


def send(address: str, path: str, document: dict | None = None, method: str = "POST") -> requests.Response:
    """Send ``document`` as signed JSON to ``path`` on the install at ``address``; its answer, whatever its status."""
    url = endpoint(address, path)
    body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode() if document is not None else b""
    headers = sign(method, url, body)
    if document is not None:
        headers["Content-Type"] = "application/json"
    return request(method, url, body, headers)


def request(method: str, url: str, body: bytes, headers: dict, *, max_size: int | None = None) -> requests.Response:
    """One request to an address from outside, guarded as above; with ``max_size``, an answer larger
    than that many bytes is refused (``Unreachable``) rather than read whole."""
    try:
        with _session() as session:
            response = session.request(
                method,
                url,
                data=body,
                headers=headers,
                allow_redirects=False,
                stream=max_size is not None,
                timeout=(settings.SOCLE_LINK_CONNECT_TIMEOUT, settings.SOCLE_LINK_READ_TIMEOUT),
            )
            if max_size is not None:
                content = response.raw.read(max_size + 1, decode_content=True)
                if len(content) > max_size:
                    raise Unreachable(f"{url} answered with more than {max_size} bytes.")
                response._content = content
            return response
    except (requests.RequestException, urllib3.exceptions.HTTPError) as error:
        raise Unreachable(f"{url}: {type(error).__name__}: {error}") from error


def answer(response: requests.Response) -> dict:
    """The JSON document of a linked install's answer, or ``Unreachable`` naming what came instead."""
    if 300 <= response.status_code < 400:
        raise Unreachable(f"{response.url} answered with a redirect ({response.status_code}), which is not followed.")
    try:
        document = response.json()
    except ValueError:
        raise Unreachable(f"{response.url} answered {response.status_code} without JSON.") from None
    if not isinstance(document, dict):
        raise Unreachable(f"{response.url} answered {response.status_code} with JSON that is not an object.")
    return document
