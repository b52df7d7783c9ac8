"""summarize: typed, grounded summaries of news articles."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("summarize")
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"
