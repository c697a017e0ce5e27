"""Packaging that pyproject.toml cannot say: the top-level ``lexicons/`` inside the wheel.

The lexicons stay at the top of the repository, where users find and edit them; the wheel
carries them as the package ``framing._lexicons`` (data only, no code), which
``framing.lexicon.load`` reads when the tool does not run from a checkout. Everything else is in
pyproject.toml.
"""

from setuptools import find_namespace_packages, setup

setup(
    packages=[*find_namespace_packages(include=["framing*"]), "framing._lexicons"],
    package_dir={"framing._lexicons": "lexicons"},
    package_data={"framing._lexicons": ["*.yaml", "README.md"]},
)
