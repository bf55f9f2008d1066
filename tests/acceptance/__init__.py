"""The clerk's whole year through the real window, from an empty data folder to the province and back (issue 14.2)."""
