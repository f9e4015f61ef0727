"""doorbraak: monitor and casework platform for regional alliances against generational poverty."""

__version__ = "0.1.0"
