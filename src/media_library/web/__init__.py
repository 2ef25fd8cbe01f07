"""The web layer: ``create_app(runtime)`` (Flask, one blueprint per domain) beside a python-socketio
async server, composed into one ASGI app by ``asgi.build_asgi`` and run by ``server.serve`` under
uvicorn. Thin handlers that call services."""
