"""The app's plumbing: worker processes, outputs written whole, the progress line, next year's blank workbooks, set-up.

May import: every stage below (model, read, check, compute, render); never pipeline or cli.
"""
