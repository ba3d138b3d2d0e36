# The two commands the README promises.
.PHONY: app test lint

app:
	bash scripts/setup.sh
	python -m geo demo --if-empty --surveys --sign-off
	streamlit run app.py

test:
	bash scripts/setup.sh
	python -m pytest -q

# Lint, format and type checks (CI runs them after the tests; the tools come with the pip requirements).
lint:
	ruff check .
	ruff format --check .
	mypy
