from .cli import app

app(prog_name="python -m sec_events")
