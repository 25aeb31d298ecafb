"""Render: the only code that touches xlsxwriter. One module per output, one theme, one Book.

May import: fscxl.model, fscxl.read, fscxl.check, fscxl.compute.
"""
