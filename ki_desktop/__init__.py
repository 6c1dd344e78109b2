"""ki_desktop: Seiteneinsteigerberatung der Kommunalen Integrationszentren (KI) in NRW."""

__version__ = "0.1.0"
