"""The staff page ("Cán bộ"): lazy table model, the page, its dialogs and the import dialog."""
