"""The "Trao đổi dữ liệu" area: send packages up, receive packages with a dry run, history, keys, province mode."""
