"""The one way toll fetches a URL: public addresses only, pinned, with bounded redirects, time and bytes."""

from __future__ import annotations

import ipaddress
import re
import socket
import time
from collections.abc import Sequence

import httpx

from toll.errors import FetchError
from toll.settings import Settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
# a host whose last label is a number is an IPv4 address in some spelling (127.1, 0x7f000001, 2130706433), as
# browsers and inet_aton read it; it must never reach a DNS resolver as a name
_NUMERIC_LABEL = re.compile(r"^(?:0x[0-9a-f]*|[0-9]+)$", re.I)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def fetch(url: str, settings: Settings) -> tuple[str, str, bytes]:
    """(final URL, content type, body) of `url`; FetchError naming `url` when refused or failed."""
    allow = allowed_networks(settings.fetch_allow, url)
    deadline = time.monotonic() + settings.fetch_timeout
    headers = {"User-Agent": settings.fetch_user_agent, "Accept-Encoding": "identity"}
    current = url
    with httpx.Client(trust_env=False, follow_redirects=False, timeout=settings.fetch_timeout, headers=headers) as c:
        for hop in range(settings.fetch_max_redirects + 1):
            try:
                location, content_type, body = _get(c, current, allow, settings, deadline)
            except FetchError as e:
                where = "" if hop == 0 else f"redirect to {current}: "
                raise FetchError(where + e.message, source=url) from None
            if location is None:
                return current, content_type, body
            current = location
    raise FetchError(f"more than {settings.fetch_max_redirects} redirects", source=url)


def allowed_networks(cidrs: Sequence[str], url: str) -> tuple[Network, ...]:
    """The networks of settings.fetch_allow, parsed."""
    try:
        return tuple(ipaddress.ip_network(c, strict=False) for c in cidrs)
    except ValueError as e:
        raise FetchError(f"bad fetch_allow network: {e}", source=url) from None


def check_url(url: str, allow: Sequence[Network]) -> tuple[httpx.URL, list[IPAddress]]:
    """The parsed URL and its checked addresses; FetchError if any address is not public nor allowed."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as e:
        raise FetchError(f"bad URL: {e}", source=url) from None
    if parsed.scheme not in ("http", "https"):
        raise FetchError(f"scheme {parsed.scheme or 'none'!r} refused: only http and https", source=url)
    if not parsed.host:
        raise FetchError("URL has no host", source=url)
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    addresses = resolve(parsed.host, port)
    for address in addresses:
        if not permitted(address, allow):
            named = parsed.host if parsed.host == str(address) else f"{parsed.host} is {address}, which"
            raise FetchError(f"{named} is not a public address: refused", source=url)
    return parsed, addresses


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address `host` stands for: itself if it is an address literal in any spelling, else DNS answers."""
    literal = ip_literal(host)
    if literal is not None:
        return [literal]
    if _NUMERIC_LABEL.match(host.rstrip(".").rsplit(".", 1)[-1]):
        raise FetchError(f"{host} is not a valid address", source=host)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as e:
        raise FetchError(f"cannot resolve {host}: {e}", source=host) from None
    found: list[IPAddress] = []
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if address not in found:
            found.append(address)
    if not found:
        raise FetchError(f"cannot resolve {host}", source=host)
    return found


def ip_literal(host: str) -> IPAddress | None:
    """`host` as an address if it spells one (brackets, IPv6, dotted, short or hex IPv4), else None."""
    bare = host.strip("[]").split("%", 1)[0]
    try:
        return ipaddress.ip_address(bare)
    except ValueError:
        pass
    if re.fullmatch(r"[0-9a-fx.]+", bare, re.I) and _NUMERIC_LABEL.match(bare.rstrip(".").rsplit(".", 1)[-1]):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(bare))
        except OSError:
            return None
    return None


def permitted(address: IPAddress, allow: Sequence[Network]) -> bool:
    """Whether toll may connect to `address`: a global one, or one inside an allowed network."""
    # an IPv6 address that wraps an IPv4 one is judged by where its packets really go
    target = embedded_ipv4(address) or address
    if any(a in net for net in allow for a in (address, target) if a.version == net.version):
        return True
    if not target.is_global or target.is_multicast or target.is_reserved or target.is_unspecified:
        return False
    return not (target.is_link_local or target.is_loopback or target.is_private)


def embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries (mapped, 6to4, NAT64): it is where the packets really go."""
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def _get(
    client: httpx.Client, url: str, allow: Sequence[Network], settings: Settings, deadline: float
) -> tuple[str | None, str, bytes]:
    """One hop: (redirect location or None, content type, body)."""
    parsed, addresses = check_url(url, allow)
    last_error: Exception | None = None
    for address in addresses:
        if time.monotonic() > deadline:
            raise FetchError(f"timed out after {settings.fetch_timeout:g} s", source=url)
        request = _pinned_request(client, parsed, address)
        try:
            response = client.send(request, stream=True)
        except httpx.ConnectError as e:
            last_error = e
            continue
        except httpx.TimeoutException:
            raise FetchError(f"timed out after {settings.fetch_timeout:g} s", source=url) from None
        except httpx.HTTPError as e:
            raise FetchError(f"cannot fetch: {_reason(e)}", source=url) from None
        try:
            return _answer(response, parsed, settings, deadline)
        finally:
            response.close()
    raise FetchError(f"cannot connect: {_reason(last_error)}", source=url)


def _pinned_request(client: httpx.Client, parsed: httpx.URL, address: IPAddress) -> httpx.Request:
    """A request that connects to the checked `address` while naming the original host (Host header, TLS SNI)."""
    target = parsed.copy_with(host=str(address), username=None, password=None)
    extensions = {"sni_hostname": parsed.host} if parsed.scheme == "https" else {}
    return client.build_request("GET", target, headers={"Host": parsed.netloc.decode("ascii")}, extensions=extensions)


def _answer(
    response: httpx.Response, parsed: httpx.URL, settings: Settings, deadline: float
) -> tuple[str | None, str, bytes]:
    url = str(parsed)
    if response.status_code in _REDIRECTS:
        location = response.headers.get("location")
        if not location:
            raise FetchError(f"HTTP {response.status_code} without a Location", source=url)
        return str(parsed.join(location)), "", b""
    if not 200 <= response.status_code < 300:
        raise FetchError(f"HTTP {response.status_code}", source=url)
    content_type = response.headers.get("content-type", "")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > settings.fetch_max_bytes:
        raise FetchError(_too_large(settings.fetch_max_bytes), source=url)
    return None, content_type, _body(response, url, settings, deadline)


def _body(response: httpx.Response, url: str, settings: Settings, deadline: float) -> bytes:
    """The body, read in chunks: refused past fetch_max_bytes, or when the whole fetch outlasts fetch_timeout."""
    chunks: list[bytes] = []
    size = 0
    try:
        # the read timeout only bounds each wait; a server trickling bytes is stopped by the deadline
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > settings.fetch_max_bytes:
                raise FetchError(_too_large(settings.fetch_max_bytes), source=url)
            if time.monotonic() > deadline:
                raise FetchError(f"timed out after {settings.fetch_timeout:g} s", source=url)
            chunks.append(chunk)
    except httpx.TimeoutException:
        raise FetchError(f"timed out after {settings.fetch_timeout:g} s", source=url) from None
    except httpx.HTTPError as e:
        raise FetchError(f"cannot read the body: {_reason(e)}", source=url) from None
    return b"".join(chunks)


def _too_large(limit: int) -> str:
    return f"body larger than {limit} bytes: refused"


def _reason(e: Exception | None) -> str:
    text = " ".join(str(e).split()) if e is not None else ""
    return f"{type(e).__name__}: {text[:120]}" if text else type(e).__name__
