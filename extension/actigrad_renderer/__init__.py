"""The actigrad JupyterLab renderer, installed as a prebuilt labextension."""

__version__ = "0.1.0"


def _jupyter_labextension_paths():
    return [{"src": "labextension", "dest": "@actigrad/jupyterlab-renderer"}]
