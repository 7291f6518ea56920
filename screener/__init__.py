"""screener: rank job postings as step-up, parallel or step-back moves for a manager's profile."""

__version__ = "0.1.0"
