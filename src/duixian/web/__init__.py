"""The web app (``duixian serve``)."""

from duixian.web.app import create_app

__all__ = ["create_app"]
