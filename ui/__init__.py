"""The Gradio web app: one module per tab, plain handler functions in actions_*.py, no domain logic."""
