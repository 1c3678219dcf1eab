"""Newsroom: a static-site generator for coordinated government newsrooms."""

__version__ = "0.1.0"
