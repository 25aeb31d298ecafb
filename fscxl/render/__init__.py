"""Everything that writes output files: the only code that touches xlsxwriter."""
