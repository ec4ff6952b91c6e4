"""The walking network's door side: the parameter group and reader every walking algorithm composes
(green city, transit, health check). No algorithm of its own."""

ALGORITHMS: list = []
