"""The one cancellation signal of the pure engines. Pure."""


class CancelledError(Exception):
    """An engine stopped because the caller's is_canceled() callback returned True. Processing's
    base class turns it into QGIS's "cancelled" error in one place (algorithms/base.py)."""


def checkpoint(progress=None, is_canceled=None):
    """A progress callback that first checks for cancellation: engines call it at each step, so
    one call both reports progress (`progress(fraction)`, when given) and stops a cancelled run."""

    def report(fraction: float) -> None:
        if is_canceled is not None and is_canceled():
            raise CancelledError("cancelled")
        if progress is not None:
            progress(fraction)

    return report
