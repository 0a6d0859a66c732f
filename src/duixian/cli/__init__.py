"""``duixian`` command line: thin wrappers that render what library functions return.

Each command family is one module that registers its commands on the shared app of ``common``;
importing it here is what makes its commands exist.  The order of these imports is the order of
the commands in ``duixian --help`` (hence not sorted).
"""

# isort: off
from duixian.cli import read  # noqa: F401  text parse extract eval demo version
from duixian.cli import store  # noqa: F401  ingest reports show delete search datasette-metadata
from duixian.cli import panel  # noqa: F401  panel metrics export
from duixian.cli import track  # noqa: F401  track
from duixian.cli import serve  # noqa: F401  serve
# isort: on
from duixian.cli.common import app, main, sample_path

__all__ = ["app", "main", "sample_path"]
