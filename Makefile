# The two commands the README promises.
.PHONY: app test

app:
	bash scripts/setup.sh
	python -m geo demo --if-empty
	streamlit run app.py

test:
	bash scripts/setup.sh
	python -m pytest -q
