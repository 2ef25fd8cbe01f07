"""One blueprint per domain. ``BLUEPRINTS`` lists the core ones; ``create_app`` registers them."""
