"""Which hosts a source may reach: public addresses only, unless private networks are allowed.

A feed URL is user input; without this check a config (or a redirect from a hostile feed)
could make ingest fetch cloud metadata (169.254.169.254), loopback admin ports or hosts on
the private network. Every address the name resolves to must be globally routable.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket

from services.ingest.errors import BlockedAddress, DnsError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def is_public(address: IPAddress) -> bool:
    """True for globally routable unicast addresses.

    Loopback, private (RFC 1918, ULA), link-local (which holds the 169.254.169.254 and
    fd00:ec2::254 metadata services), carrier-grade NAT, multicast, reserved and
    unspecified addresses are not public. IPv4-mapped IPv6 addresses are judged by the IPv4
    address they carry, so ::ffff:127.0.0.1 is loopback.
    """
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


async def check_host(host: str, port: int, *, loop: asyncio.AbstractEventLoop | None = None) -> list[str]:
    """Resolve `host` and return its addresses when every one is public.

    Raises `BlockedAddress` naming the first non-public address, `DnsError` when the name
    does not resolve.
    """
    host = host.strip("[]")
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        if not is_public(literal):
            raise BlockedAddress(f"blocked address: {host} is not a public address "
                                 "(set [ingest] allow_private_networks = true to allow it)")
        return [host]
    loop = loop or asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise DnsError(f"DNS lookup of {host} failed: {exc.strerror or exc}") from None
    addresses = sorted({info[4][0] for info in infos})
    for text in addresses:
        address = ipaddress.ip_address(text.split("%", 1)[0])
        if not is_public(address):
            raise BlockedAddress(f"blocked address: {host} resolves to {text}, not a public address "
                                 "(set [ingest] allow_private_networks = true to allow it)")
    return addresses
