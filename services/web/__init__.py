"""The web face: pages, feeds and a JSON API over the launch events."""
