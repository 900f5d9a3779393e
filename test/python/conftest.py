"""Shared paths and helpers for the tests that speak the real Jupyter protocol."""

import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
ARTIFACTS = ROOT / "test" / "artifacts"
KERNEL_NAME = "actigrad"
MIME = "application/vnd.actigrad.v1+json"


@pytest.fixture(scope="session")
def artifacts():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
