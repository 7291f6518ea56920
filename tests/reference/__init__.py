"""Reference implementations that faster code is tested against."""
