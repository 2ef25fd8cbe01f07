"""Local fake servers that speak the real protocols of the services the project calls.

Each fake is built from the recorded payloads in tests/fixtures and checked against them by
the contract tests in tests/clients, so a fake cannot drift from the real protocol. Tests for
services, jobs and the web layer use these instead of the network.
"""
