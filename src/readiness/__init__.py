"""readiness: is this AI pilot ready for production, and what should the team do next?"""

__version__ = "0.1.0"
