"""qth-disclosure: compliance tracker for the 2015 Qitaihe disclosure work plan."""

__version__ = "0.1.0"
