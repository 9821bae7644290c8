"""The address guard: what counts as public, the IPv6 forms that carry a private IPv4
address, the allow-list, and requests aimed at the address that was checked."""

from __future__ import annotations

import asyncio
import ipaddress
import socket

import pytest

from services.runtime.addresses import (
    AddressPolicy,
    BlockedAddress,
    DnsError,
    guarded_target,
    non_public_reason,
    parse_networks,
    pinned,
    resolve_checked,
)

GUARD = AddressPolicy(hint="add its network to [notify] allowed_networks to allow it")


@pytest.mark.parametrize(("address", "reason"), [
    ("127.0.0.1", "loopback"),
    ("10.1.2.3", "private"),
    ("192.168.0.10", "private"),
    ("169.254.169.254", "link-local"),  # cloud metadata
    ("100.64.0.1", "carrier-grade NAT"),
    ("0.0.0.0", "unspecified"),
    ("224.0.0.1", "multicast"),
    ("::1", "loopback"),
    ("::", "unspecified"),
    ("fd00:ec2::254", "private"),  # cloud metadata over IPv6
    ("fe80::1", "link-local"),
    ("::ffff:127.0.0.1", "carries 127.0.0.1 (loopback)"),
    ("::ffff:169.254.169.254", "carries 169.254.169.254 (link-local)"),
    # The forms the guard used to let through:
    ("::127.0.0.1", "an IPv4-compatible IPv6 address (deprecated)"),
    ("::10.0.0.1", "an IPv4-compatible IPv6 address (deprecated)"),
    ("64:ff9b::127.0.0.1", "carries 127.0.0.1 (loopback)"),
    ("64:ff9b::a9fe:a9fe", "carries 169.254.169.254 (link-local)"),
    ("64:ff9b:1::a00:1", "a local-use NAT64 address"),
    ("2002:7f00:1::", "carries 127.0.0.1 (loopback)"),
    ("2002:a00:1::1", "carries 10.0.0.1 (private)"),
    ("::ffff:0:127.0.0.1", "an IPv4-translated IPv6 address"),
    ("::ffff:0:8.8.8.8", "an IPv4-translated IPv6 address"),
    ("2001:0:4136:e378:8000:63bf:3fff:fdd2", "a Teredo address"),
    ("fec0::1", "a site-local address (deprecated)"),
])
def test_non_public_addresses_are_named_by_what_they_are(address, reason):
    assert non_public_reason(ipaddress.ip_address(address)) == reason


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8",
                                     "64:ff9b::8.8.8.8", "2002:808:808::1"])
def test_public_addresses_and_forms_carrying_one_pass(address):
    assert non_public_reason(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "169.254.169.254", "::1", "fd00:ec2::254",
                                     "::ffff:127.0.0.1", "::127.0.0.1", "64:ff9b::7f00:1", "2002:7f00:1::",
                                     "::ffff:0:7f00:1", "fec0::1", "[::1]"])
async def test_literals_are_refused_with_the_setting_to_change(address):
    with pytest.raises(BlockedAddress, match=r"not a public address \(.+\); add its network to \[notify\] "
                                             r"allowed_networks to allow it"):
        await resolve_checked(address, 80, GUARD)


async def test_one_private_answer_refuses_the_name():
    async def resolve(host, port):
        return ["93.184.216.34", "10.0.0.7"]

    with pytest.raises(BlockedAddress, match=r"hooks\.example resolves to 10\.0\.0\.7, not a public address "
                                             r"\(private\)"):
        await resolve_checked("hooks.example", 443, GUARD, resolve=resolve)


async def test_a_name_that_does_not_resolve_is_retryable(monkeypatch):
    async def no_answer(host, port, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    # The system resolver, answering as it does for a missing name, without asking the network.
    monkeypatch.setattr(asyncio.get_running_loop(), "getaddrinfo", no_answer)
    with pytest.raises(DnsError, match="DNS lookup of nothing.invalid failed: Name or service not known"):
        await resolve_checked("nothing.invalid", 80, GUARD)


async def test_the_allow_list_lets_exactly_its_networks_through():
    policy = AddressPolicy(allowed_networks=parse_networks(["10.20.0.0/16", "127.0.0.1/32"]))
    assert await resolve_checked("10.20.3.4", 80, policy) == ["10.20.3.4"]
    assert await resolve_checked("127.0.0.1", 80, policy) == ["127.0.0.1"]
    assert await resolve_checked("::ffff:10.20.3.4", 80, policy) == ["::ffff:10.20.3.4"]  # the IPv4 it carries
    for outside in ("10.21.0.1", "127.0.0.2", "::1", "169.254.169.254"):
        with pytest.raises(BlockedAddress):
            await resolve_checked(outside, 80, policy)
    assert await resolve_checked("169.254.169.254", 80, AddressPolicy(allow_private=True)) == ["169.254.169.254"]


def test_allow_list_entries_must_be_networks():
    assert parse_networks(["10.0.0.0/8", "::1"]) == (ipaddress.ip_network("10.0.0.0/8"), ipaddress.ip_network("::1"))
    with pytest.raises(ValueError, match="'10.1.2.3/8' is not a network in CIDR form"):
        parse_networks(["10.1.2.3/8"])
    with pytest.raises(ValueError, match="'intranet' is not a network"):
        parse_networks(["intranet"])


async def test_a_request_is_aimed_at_the_checked_address_and_keeps_the_name():
    answers = iter([["93.184.216.34"], ["10.0.0.1"]])  # a rebinding DNS server: public, then private

    async def resolve(host, port):
        return next(answers)

    target = await guarded_target("https://hooks.example:8443/T/B/x?y=1", GUARD, resolve=resolve)
    assert target.url == "https://93.184.216.34:8443/T/B/x?y=1"
    assert target.headers == {"Host": "hooks.example:8443"} and target.tls == {"server_hostname": "hooks.example"}
    # The second answer would be refused; the request never asks again.
    with pytest.raises(BlockedAddress):
        await guarded_target("https://hooks.example/", GUARD, resolve=resolve)


def test_pinning_prefers_ipv4_brackets_ipv6_and_keeps_credentials():
    assert pinned("http://feed.example/rss", ["2606:4700::1", "93.184.216.34"]).url == "http://93.184.216.34/rss"
    assert pinned("http://feed.example/rss", ["2606:4700::1"]).url == "http://[2606:4700::1]/rss"
    assert pinned("http://93.184.216.34/rss", ["93.184.216.34"]).headers == {}
    with_login = pinned("https://hook:s3cret@hooks.example:8443/in", ["93.184.216.34"])
    assert with_login.url == "https://hook:s3cret@93.184.216.34:8443/in"
    assert pinned("https://bücher.example/", ["93.184.216.34"]).tls == {"server_hostname": "xn--bcher-kva.example"}


async def test_only_http_urls_with_a_host_are_sent():
    from services.runtime.errors import PermanentError

    for url in ("file:///etc/passwd", "gopher://x.example/", "http:///nohost"):
        with pytest.raises(PermanentError):
            await guarded_target(url, GUARD)
