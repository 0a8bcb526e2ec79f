"""Server-rendered pages of case management, split by topic; every action view calls one service."""
