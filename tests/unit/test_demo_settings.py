"""The demo runs beside a `launchwatch run` on the same machine without a clash."""

from __future__ import annotations

from pathlib import Path

from services.config import load_settings
from services.demo.runner import demo_settings

FEEDS = [{"url": "http://127.0.0.1:8000/feeds/yonhap.xml", "name": "Yonhap (EN)"}]


def test_the_demo_serves_its_pages_on_a_free_port_unless_one_is_asked_for(tmp_path: Path):
    default = demo_settings(load_settings(None, environ={}), FEEDS, tmp_path / "demo.db")
    assert default.http.listen == "127.0.0.1:0"  # `launchwatch run` holds 127.0.0.1:8080
    asked = load_settings(None, environ={"LAUNCHWATCH_HTTP__LISTEN": "127.0.0.1:9000"})
    assert demo_settings(asked, FEEDS, tmp_path / "demo.db").http.listen == "127.0.0.1:9000"
