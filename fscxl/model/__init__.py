"""The records every stage shares: months and windows, measures and targets, problems, errors.

May import: nothing of fscxl outside model/. Pure data and pure helpers, no file I/O.
"""
