"""One small keyword-only function per user operation, shared by the CLI and the window.

Each opens its own transaction and names itself for the audit log, so the window and ``tdkt``
leave the same trace.
"""
