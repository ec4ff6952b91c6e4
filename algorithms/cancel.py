"""The one cancellation signal of the pure engines. Pure."""


class CancelledError(Exception):
    """An engine stopped because the caller's is_canceled() callback returned True. Processing's
    base class turns it into QGIS's "cancelled" error in one place (algorithms/base.py)."""
