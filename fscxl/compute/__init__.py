"""Compute: windows and figures (figures.py), the committee's rules (rules.py, pure functions),
each measure's result for the month (results.py) and the drafted words (narrative.py).

May import: fscxl.model, fscxl.read, fscxl.check.
"""
