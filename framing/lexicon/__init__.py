"""The lexicons: YAML files in, validated entries and compiled matchers out.

The data lives in the top-level ``lexicons/`` folder (shipped in the wheel as
``framing._lexicons``) and in the user's overlays; this stage finds, reads, validates, versions
and edits it, and compiles entries into spaCy matchers once. It imports only :mod:`framing.common`.
"""
