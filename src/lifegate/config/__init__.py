"""Configuration: environment settings declared once, and the Django settings built from them."""
