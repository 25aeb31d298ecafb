"""fscxl: officers' monthly Excel returns in, committee performance scorecards out."""

__version__ = "0.1.0"
