"""Package data: the actor registry (actors.csv) and the bundled plan (plans/), read with importlib.resources."""
