"""Green-city engines: park service coverage, 15-minute living circle coverage, park equity (pure)."""
