#!/usr/bin/env python
"""Kept for habit: the same as the ``newsdesk`` command."""

from newsdesk.__main__ import main

if __name__ == "__main__":
    main()
