"""What is derived from a posting once and cached: its rung (the level model), function, industry,
and scope cues (team size, budget). Cached per posting and model version."""
