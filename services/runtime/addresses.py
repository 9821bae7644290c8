"""The one address guard: which hosts launchwatch may connect to, and connecting only there.

Feed URLs, WebSub hubs, webhook URLs, the Slack API base URL and the SMTP host are all
configuration, and some of it comes from people who should not reach the inside of the
network launchwatch runs in. Without a guard a subscription could post to cloud metadata
(169.254.169.254), a loopback admin port or a host on the private network. So every
outbound connection goes through `resolve_checked`:

- the name is resolved once and every address it resolves to must be public (or inside an
  operator's allow-list); one refused address refuses the host;
- the connection is then made to an address that was checked (`guarded_target` for HTTP,
  `connect_checked` for SMTP), never to the name again, so a DNS answer that changes
  between the check and the connection (DNS rebinding) cannot reach a private address;
- IPv6 forms that carry or reach an IPv4 address are judged by that address or refused:
  see `non_public_reason`.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import SplitResult, urlsplit

from services.runtime.errors import PermanentError, RetryableError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

# IPv6 forms whose packets end up at the IPv4 address they carry: judged by that address.
IPV4_MAPPED = ipaddress.IPv6Network("::ffff:0:0/96")
NAT64_WELL_KNOWN = ipaddress.IPv6Network("64:ff9b::/96")  # RFC 6052
SIX_TO_FOUR = ipaddress.IPv6Network("2002::/16")  # RFC 3056
# IPv6 forms refused whatever they carry: deprecated, local-only or tunnelled to a host
# the address does not tell.
REFUSED_IPV6 = (
    (ipaddress.IPv6Network("::/96"), "an IPv4-compatible IPv6 address (deprecated)"),
    (ipaddress.IPv6Network("::ffff:0:0:0/96"), "an IPv4-translated IPv6 address"),
    (ipaddress.IPv6Network("64:ff9b:1::/48"), "a local-use NAT64 address"),  # RFC 8215
    (ipaddress.IPv6Network("2001::/32"), "a Teredo address"),  # RFC 4380
    (ipaddress.IPv6Network("fec0::/10"), "a site-local address (deprecated)"),
)


class BlockedAddress(PermanentError):
    """The host is, or resolves to, an address the policy does not let launchwatch reach."""

    code = "blocked_address"


class DnsError(RetryableError):
    """The host name did not resolve."""

    code = "dns"


def _category(address: IPAddress) -> str | None:
    """Why a plain address is not globally routable unicast, or None when it is."""
    if address.is_loopback:
        return "loopback"
    if address.is_unspecified:
        return "unspecified"
    if address.is_link_local:
        return "link-local"
    if address.is_multicast:
        return "multicast"
    if isinstance(address, ipaddress.IPv4Address) and address in ipaddress.IPv4Network("100.64.0.0/10"):
        return "carrier-grade NAT"
    if address.is_private:
        return "private"
    if address.is_reserved:
        return "reserved"
    if not address.is_global:
        return "not globally routable"
    return None


def embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv4-mapped, NAT64 (64:ff9b::/96) or 6to4 address delivers to."""
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address in IPV4_MAPPED:
        return address.ipv4_mapped
    if address in NAT64_WELL_KNOWN:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address in SIX_TO_FOUR:
        return address.sixtofour
    return None


def non_public_reason(address: IPAddress) -> str | None:
    """Why `address` is not a public address (e.g. `loopback`, `IPv4-mapped 127.0.0.1 (loopback)`),
    or None when it is globally routable unicast.

    Loopback, private (RFC 1918, ULA), link-local (which holds the 169.254.169.254 and
    fd00:ec2::254 metadata services), carrier-grade NAT, multicast, reserved and
    unspecified addresses are not public. IPv4-mapped (::ffff:a.b.c.d), NAT64
    (64:ff9b::a.b.c.d) and 6to4 (2002:aabb:ccdd::) addresses are judged by the IPv4
    address they carry; IPv4-compatible (::a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d),
    local-use NAT64 (64:ff9b:1::/48), Teredo (2001::/32) and site-local (fec0::/10)
    addresses are refused whatever they carry.
    """
    if isinstance(address, ipaddress.IPv6Address):
        if address.is_loopback or address.is_unspecified:
            return _category(address)
        inner = embedded_ipv4(address)
        if inner is not None:
            reason = _category(inner)
            return f"carries {inner} ({reason})" if reason else None
        for network, name in REFUSED_IPV6:
            if address in network:
                return name
    return _category(address)


def parse_networks(values: Iterable[str]) -> tuple[Network, ...]:
    """CIDR strings (`10.0.0.0/8`, `fd00::/8`, a bare address for one host) as networks.

    Raises `ValueError` naming the first value that is not a network (host bits set
    included, so `10.1.2.3/8` is refused rather than read as 10.0.0.0/8).
    """
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value.strip(), strict=True))
        except ValueError as exc:
            raise ValueError(f"{value!r} is not a network in CIDR form ({exc})") from None
    return tuple(networks)


@dataclass(frozen=True)
class AddressPolicy:
    """Which addresses one kind of outbound request may reach.

    Public addresses always; with `allow_private` every address; otherwise non-public
    addresses only inside `allowed_networks` (an address carrying an IPv4 address is
    allowed when either is inside). `hint` tells, in the refusal, what to set to allow it;
    `{network}` in it stands for the refused address as a one-host network ("127.0.0.1/32").
    """

    allow_private: bool = False
    allowed_networks: tuple[Network, ...] = ()
    hint: str = "allow the network in the configuration"

    def refusal(self, address: IPAddress) -> str | None:
        """Why the policy refuses `address`, or None when it may be reached."""
        if self.allow_private:
            return None
        reason = non_public_reason(address)
        if reason is None:
            return None
        candidates = [address, embedded_ipv4(address)]
        if any(a is not None and a.version == n.version and a in n
               for a in candidates for n in self.allowed_networks):
            return None
        return reason

    def hint_for(self, address: IPAddress) -> str:
        """`hint`, for a refusal of `address`."""
        return self.hint.format(network=f"{address}/{address.max_prefixlen}")

    def refused(self, host: str, address: IPAddress, reason: str, resolved: bool) -> "BlockedAddress":
        """The error saying that `host` (resolved to `address`, or that address itself) is refused."""
        what = f"{host} resolves to {address}, not" if resolved else f"{host} is not"
        return BlockedAddress(f"blocked address: {what} a public address ({reason}); {self.hint_for(address)}")


ALLOW_ALL = AddressPolicy(allow_private=True)

Resolve = Callable[[str, int], Awaitable[list[str]]]


async def system_resolve(host: str, port: int) -> list[str]:
    """The addresses the system resolver gives for `host`. Raises `DnsError`."""
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise DnsError(f"DNS lookup of {host} failed: {exc.strerror or exc}") from None
    return [str(info[4][0]) for info in infos]


def _ordered(addresses: Iterable[str]) -> list[str]:
    return sorted(set(addresses), key=lambda a: (":" in a, a))  # IPv4 first, then stable


async def resolve_checked(host: str, port: int, policy: AddressPolicy, *, resolve: Resolve | None = None) -> list[str]:
    """The addresses of `host` (IPv4 first), when the policy lets launchwatch reach every one.

    An address literal is checked as it is. Raises `BlockedAddress` naming the host, the
    first refused address and why, and `DnsError` when the name does not resolve.
    """
    host = host.strip("[]")
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        reason = policy.refusal(literal)
        if reason:
            raise policy.refused(host, literal, reason, resolved=False)
        return [host]
    addresses = _ordered(await (resolve or system_resolve)(host, port))
    if not addresses:
        raise DnsError(f"DNS lookup of {host} gave no address")
    for text in addresses:
        address = ipaddress.ip_address(text.split("%", 1)[0])
        reason = policy.refusal(address)
        if reason:
            raise policy.refused(host, address, reason, resolved=True)
    return addresses


@dataclass(frozen=True)
class Target:
    """An HTTP request aimed at a checked address: send to `url` with `headers` and,
    for HTTPS, aiohttp's `server_hostname` (`tls`), so the Host header, SNI and the
    certificate check keep the original name."""

    url: str
    headers: dict[str, str] = field(default_factory=dict)
    tls: dict[str, str] = field(default_factory=dict)


def default_port(parts: SplitResult) -> int:
    return parts.port or (443 if parts.scheme == "https" else 80)


def pinned(url: str, addresses: Iterable[str]) -> Target:
    """`url` with the first of the checked `addresses` in place of its host (IPv4 first).

    With no address, or when the URL already names the address, the URL is used as it is.
    """
    parts = urlsplit(url)
    checked = _ordered(str(a) for a in addresses)
    if not checked or not parts.hostname or checked[0] == parts.hostname.strip("[]"):
        return Target(url)
    address = f"[{checked[0]}]" if ":" in checked[0] else checked[0]
    netloc = f"{address}:{parts.port}" if parts.port else address
    userinfo, at, _ = parts.netloc.rpartition("@")
    if at:  # credentials in the URL still become the request's Basic auth
        netloc = f"{userinfo}@{netloc}"
    name = parts.hostname.encode("idna").decode("ascii")  # an internationalised name as sent on the wire
    host = f"{name}:{parts.port}" if parts.port else name
    tls = {"server_hostname": name} if parts.scheme == "https" else {}
    return Target(parts._replace(netloc=netloc).geturl(), {"Host": host}, tls)


async def guarded_target(url: str, policy: AddressPolicy, *, resolve: Resolve | None = None) -> Target:
    """Check `url`'s host with `policy` and aim the request at a checked address.

    With a policy that allows everything the URL is left alone. Raises `BlockedAddress`,
    `DnsError`, and `PermanentError` for a URL that is not http(s) or has no host.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PermanentError("not an http(s) URL with a host")
    if policy.allow_private:
        return Target(url)
    return pinned(url, await resolve_checked(parts.hostname, default_port(parts), policy, resolve=resolve))


async def connect_checked(host: str, port: int, policy: AddressPolicy, *, timeout_s: float,
                          resolve: Resolve | None = None) -> socket.socket:
    """A TCP socket connected to a checked address of `host` (tried in order, IPv4 first).

    For clients that take a connected socket (aiosmtplib), keeping `host` for TLS.
    Raises `BlockedAddress`, `DnsError`, `TimeoutError` when no address answered within
    `timeout_s`, and `OSError` from the last address tried.
    """
    if policy.allow_private:
        addresses = _ordered(await (resolve or system_resolve)(host.strip("[]"), port))
    else:
        addresses = await resolve_checked(host, port, policy, resolve=resolve)
    loop = asyncio.get_running_loop()
    last_error: OSError | None = None
    async with asyncio.timeout(timeout_s):
        for address in addresses:
            sock = socket.socket(socket.AF_INET6 if ":" in address else socket.AF_INET, socket.SOCK_STREAM)
            sock.setblocking(False)
            try:
                await loop.sock_connect(sock, (address, port))
            except OSError as exc:
                sock.close()
                last_error = exc
                continue
            except BaseException:
                sock.close()
                raise
            return sock
    raise last_error or OSError(f"no address of {host} to connect to")
