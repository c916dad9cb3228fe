"""Thin MkDocs glue: each plugin reads top to bottom as the MkDocs events it handles."""
