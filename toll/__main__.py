from toll.cli import run

run()
