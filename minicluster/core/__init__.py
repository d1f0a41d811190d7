"""Foundation shared by every layer: virtual clock, seeded randomness, durations, YAML I/O, errors."""
