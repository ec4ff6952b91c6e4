"""Planning maps: print-layout map sheets (规划图件) exported to PDF/PNG."""
