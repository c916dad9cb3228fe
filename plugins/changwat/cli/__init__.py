"""The changwat command."""
