"""Rank stored postings for a profile: the move, the fit components, the score and its reasons."""
