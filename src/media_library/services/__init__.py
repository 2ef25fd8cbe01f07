"""Use cases built from state, clients and tools. No Flask, no Socket.IO, no SQL here."""
