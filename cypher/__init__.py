"""Package data: the Cypher library (schema/, load/, queries/), read with importlib.resources."""
