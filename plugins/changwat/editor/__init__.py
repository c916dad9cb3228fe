"""The browser editor (Decap CMS) for web officers: its configuration generated from the kit's own data."""
