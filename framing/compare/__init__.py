"""Feature records in, the per-outlet (or per-story) comparison out.

Groups of articles by outlet or story (with automatic story grouping), pooled figures with
bootstrap intervals and rank stability, word log-odds between outlets, shared copy between
articles, and the profile scored against the criteria file. Plain data: rendering is
:mod:`framing.report`.
"""
