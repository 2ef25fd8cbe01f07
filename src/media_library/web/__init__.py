"""The web layer: ``create_app(runtime)`` (Flask + Flask-SocketIO), one blueprint per domain, and
``server.serve`` which runs it under gunicorn's threaded worker. Thin handlers that call services."""
