"""Screens of the console; the app switches between them as modes."""
