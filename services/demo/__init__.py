"""`launchwatch demo`: a recorded launch morning served as local feeds."""

from services.demo.feeds import DemoFeeds, start_demo_feeds

__all__ = ["DemoFeeds", "start_demo_feeds"]
