"""The hostile-input matrix: every registered algorithm against every kind of bad input."""
