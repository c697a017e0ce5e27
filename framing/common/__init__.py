"""Used by every stage, and importing nothing else of framing: atomic file writes, lazy
imports of heavy modules, the code version, and the cache of compiled word tables."""
