"""E-mail over a real SMTP server: STARTTLS with login, implicit TLS, refused login."""

from __future__ import annotations

import ssl
from datetime import datetime, timezone

import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from schemas import LaunchEvent
from services.notify.alert import Alert
from services.notify.channels import EmailChannel
from services.notify.settings import SmtpSettings, SubscriptionSettings
from services.runtime.addresses import AddressPolicy, BlockedAddress, parse_networks
from services.runtime.errors import PermanentError, RetryableError
from tests.integration.receivers import Mailbox
from tests.loopback import free_port

T0 = datetime(2026, 11, 25, 1, 12, tzinfo=timezone.utc)
EVENT = LaunchEvent(event_id="evt-1", revision=1, actor="PRK", kind="ballistic", count=2, direction="East Sea",
                    confidence=0.9, headline="North Korea fires two ballistic missiles", first_reported_at=T0,
                    updated_at=T0)
ALERT = Alert("dlv_1", "duty", "alert", EVENT)
SUB = SubscriptionSettings(name="duty", channel="email", to=["duty@example.org"])
PASSWORD = "correct-horse-battery"
# The servers here listen on loopback, which the address guard refuses unless allowed.
LOOPBACK = AddressPolicy(allowed_networks=parse_networks(["127.0.0.1/32", "::1/128"]))


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == b"alerts" and auth_data.password == PASSWORD.encode()
    # handled=False on failure lets aiosmtpd answer 535; handled=True would leave the client waiting.
    return AuthResult(success=ok, handled=False) if not ok else AuthResult(success=True)


@pytest.fixture(scope="module")
def tls(tmp_path_factory):
    ca = trustme.CA()
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(server_ctx)
    ca_file = tmp_path_factory.mktemp("ca") / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    return server_ctx, str(ca_file)


def start(handler, **kwargs):
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, authenticator=authenticator, **kwargs)
    controller.start()
    return controller, port


async def test_starttls_with_login_delivers(tls):
    server_ctx, ca_file = tls
    mailbox = Mailbox()
    controller, port = start(mailbox, tls_context=server_ctx, require_starttls=True)
    try:
        channel = EmailChannel(SmtpSettings(host="127.0.0.1", port=port, sender="lw@alerts.example", starttls=True,
                                            username="alerts", password=PASSWORD, ca_file=ca_file, timeout_s=5), LOOPBACK)
        message_id = await channel.send(ALERT, SUB)
    finally:
        controller.stop()
    [(rcpts, mail)] = mailbox.messages
    assert rcpts == ["duty@example.org"] and mail["Message-ID"] == message_id
    assert mail["Subject"] == "North Korea: 2 ballistic missiles toward East Sea (reported)"
    [image] = [part for part in mail.walk() if part.get_content_type() == "image/png"]
    assert image.get_content()[:8] == b"\x89PNG\r\n\x1a\n"  # the map, inline in the HTML part
    assert f'cid:{image["Content-ID"].strip("<>")}' in mail.get_body(preferencelist=("html",)).get_content()


async def test_implicit_tls_delivers(tls):
    server_ctx, ca_file = tls
    mailbox = Mailbox()
    # aiosmtpd does not count an implicit-TLS session as TLS for AUTH; the link is encrypted anyway.
    controller, port = start(mailbox, ssl_context=server_ctx, auth_require_tls=False)
    try:
        channel = EmailChannel(SmtpSettings(host="127.0.0.1", port=port, sender="lw@alerts.example", use_tls=True,
                                            username="alerts", password=PASSWORD, ca_file=ca_file, timeout_s=5), LOOPBACK)
        await channel.send(ALERT, SUB)
    finally:
        controller.stop()
    assert len(mailbox.messages) == 1


async def test_a_wrong_password_is_permanent_and_says_so(tls):
    server_ctx, ca_file = tls
    mailbox = Mailbox()
    controller, port = start(mailbox, tls_context=server_ctx, require_starttls=True)
    try:
        channel = EmailChannel(SmtpSettings(host="127.0.0.1", port=port, sender="lw@alerts.example", starttls=True,
                                            username="alerts", password="wrong-password", ca_file=ca_file, timeout_s=5), LOOPBACK)
        with pytest.raises(PermanentError, match="535"):
            await channel.send(ALERT, SUB)
    finally:
        controller.stop()
    assert mailbox.messages == []


async def test_no_server_is_retryable_and_named():
    port = free_port()
    channel = EmailChannel(SmtpSettings(host="127.0.0.1", port=port, sender="lw@alerts.example", timeout_s=2), LOOPBACK)
    with pytest.raises(RetryableError, match=f"smtp: connection to 127.0.0.1:{port} failed"):
        await channel.send(ALERT, SUB)


class PeerMailbox(Mailbox):
    def __init__(self) -> None:
        super().__init__()
        self.peers: list = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.peers.append(session.peer)
        return await super().handle_DATA(server, session, envelope)


async def test_one_connection_is_reused_and_a_dropped_one_is_replaced(tls):
    server_ctx, ca_file = tls
    mailbox = PeerMailbox()
    controller, port = start(mailbox, tls_context=server_ctx, require_starttls=True)
    channel = EmailChannel(SmtpSettings(host="127.0.0.1", port=port, sender="lw@alerts.example", starttls=True,
                                        username="alerts", password=PASSWORD, ca_file=ca_file, timeout_s=5), LOOPBACK)
    try:
        await channel.send(ALERT, SUB)
        await channel.send(ALERT, SUB)
        assert len(mailbox.messages) == 2 and mailbox.peers[0] == mailbox.peers[1]
        controller.stop()  # the server goes away and comes back: the kept connection is dead
        controller = Controller(mailbox, hostname="127.0.0.1", port=port, authenticator=authenticator,
                                tls_context=server_ctx, require_starttls=True)
        controller.start()
        try:
            # The close may be seen while the map is painted (the loop runs meanwhile), and the
            # send reconnects at once; or the send finds the connection dead and is retried.
            await channel.send(ALERT, SUB)
        except RetryableError:
            await channel.send(ALERT, SUB)  # the retry connects afresh
        assert len(mailbox.messages) == 3 and mailbox.peers[2] != mailbox.peers[0]
    finally:
        await channel.close()
        controller.stop()


async def test_a_private_smtp_host_is_refused_before_connecting_unless_allowed():
    connections = []

    class CountingMailbox(Mailbox):
        async def handle_EHLO(self, server, session, envelope, hostname, responses):  # noqa: N802
            connections.append(session.peer)
            session.host_name = hostname
            return responses

    mailbox = CountingMailbox()
    controller, port = start(mailbox)
    try:
        channel = EmailChannel(SmtpSettings(host="127.0.0.1", port=port, sender="lw@alerts.example", timeout_s=5),
                               AddressPolicy(hint="add its network to [notify] allowed_networks to allow it"))
        with pytest.raises(BlockedAddress, match=r"smtp: blocked address: 127\.0\.0\.1 is not a public address "
                                                 r"\(loopback\); add its network to \[notify\] allowed_networks"):
            await channel.send(ALERT, SUB)
        assert connections == [] and mailbox.messages == []
    finally:
        controller.stop()


async def test_a_named_host_is_reached_at_its_checked_address_and_tls_still_checks_the_name(tls):
    server_ctx, ca_file = tls
    mailbox = Mailbox()
    controller, port = start(mailbox, tls_context=server_ctx, require_starttls=True)
    try:
        # The certificate names `localhost`: STARTTLS verifies the name, the socket went to
        # the address the guard checked.
        channel = EmailChannel(SmtpSettings(host="localhost", port=port, sender="lw@alerts.example", starttls=True,
                                            username="alerts", password=PASSWORD, ca_file=ca_file, timeout_s=5),
                               LOOPBACK)
        await channel.send(ALERT, SUB)
        await channel.close()
    finally:
        controller.stop()
    assert len(mailbox.messages) == 1


async def test_the_stage_reaches_a_mail_relay_on_this_host_with_no_allow_list():
    """`[smtp] host = "127.0.0.1"`, the default, is the operator's own relay: the channel the
    notify stage builds sends through it with `[notify] allowed_networks` left empty."""
    from services.config import load_settings
    from services.notify.worker import make_channels

    mailbox = Mailbox()
    controller, port = start(mailbox)
    settings = load_settings(None, {"LAUNCHWATCH_SMTP__HOST": "127.0.0.1", "LAUNCHWATCH_SMTP__PORT": str(port),
                                    "LAUNCHWATCH_SMTP__SENDER": "lw@alerts.example"})
    assert settings.notify.allowed_networks == []
    channel = make_channels(settings, None, lambda: ALERT.event.updated_at)["email"]  # type: ignore[arg-type]
    try:
        await channel.send(ALERT, SUB)
        assert len(mailbox.messages) == 1
    finally:
        await channel.close()
        controller.stop()
