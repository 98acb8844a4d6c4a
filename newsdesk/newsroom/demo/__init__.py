"""Demo newsroom data and procedural images used by the seeding command."""
