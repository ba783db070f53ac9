"""Orchestration: everything that talks to a model; the offline drafter; chat."""
