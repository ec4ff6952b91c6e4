# The README's two commands, and a few conveniences.
.PHONY: setup demo test lint benchmark i18n package package-offline

setup:
	bash scripts/setup.sh

demo:
	bash scripts/demo.sh

test:
	bash scripts/test.sh

lint:
	.venv/bin/ruff check . && .venv/bin/ruff format --check .

benchmark:
	bash scripts/benchmark.sh

i18n:
	bash scripts/i18n_update.sh

package:
	bash scripts/package.sh

package-offline:
	bash scripts/package_offline.sh
