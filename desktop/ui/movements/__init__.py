"""The "Phong trào" area: movements, registrations, covenants, criteria and scores, reviews, exemplary models."""
