"""One spider per source type; a spider's name is its ``type`` in the sources file."""
