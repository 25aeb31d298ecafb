"""Read: each input file judged, parsed safely and turned into records, its own problems logged.

preflight.py judges a file from its bytes; xlsx.py parses a workbook into grids of values;
tables.py finds header-matched tables; catalogue.py, returns.py (+ stack.py), commentary.py
and business_plan.py turn grids into records; inputs.py finds the files.

May import: fscxl.model.
"""
