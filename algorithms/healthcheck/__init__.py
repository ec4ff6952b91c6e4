"""City health check (城市体检): the spatial indicators of the national system in one run."""
