"""actigrad for Jupyter: the TypeScript (actigrad) kernel, the JupyterLab renderer and the actigrad_html exporter."""

from ._version import __version__

__all__ = ["__version__"]
