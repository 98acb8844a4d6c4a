"""Newsdesk: a news publishing platform for small newsrooms."""

__version__ = "0.1.0"
