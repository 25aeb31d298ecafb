"""Check: the catalogue of every check (codes.py) and the checks that need several inputs (cross.py).

May import: fscxl.model and fscxl.read. Readers name the codes they use as plain strings.
"""
