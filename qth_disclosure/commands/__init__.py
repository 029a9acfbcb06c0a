"""Command groups, one module each; each registers its commands on the app."""
